resource "genesyscloud_integration_action" "list_divisions" {
  name           = "TF Written List Divisions"
  category       = "Genesys Cloud Data Actions"
  integration_id = var.integration_id
  contract_input = jsonencode({
    "type"       = "object"
    "properties" = {}
  })
  contract_output = jsonencode({
    "type" = "object"
    "properties" = {
      "ids" = {
        "type" = "array"
        "items" = {
          "type" = "string"
        }
      }
    }
  })
  config_request {
    request_url_template = "/api/v2/authorization/divisions?pageSize=100"
    request_type         = "GET"
  }
  config_response {
    translation_map = {
      "ids" = "$.entities[*].id"
    }
    success_template = "{\"ids\": $${ids}}"
  }
}
