resource "genesyscloud_integration_action" "action" {
  name           = var.action_name
  category       = var.action_category
  integration_id = var.integration_id
  contract_input = jsonencode({
    "type"       = "object"
    "properties" = { "ConversationId" = { "type" = "string" } }
  })
  contract_output = jsonencode({ "type" = "object", "properties" = {} })
  config_request {
    request_template     = "{ \"state\": \"disconnected\" }"
    request_type         = "PATCH"
    request_url_template = "/api/v2/conversations/callbacks/$esc.url($${input.ConversationId})"
  }
  config_response {
    success_template = "$${rawResult}"
  }
}
