resource "genesyscloud_integration_action" "get_org" {
  name           = "TF Written Get Organization"
  category       = "Genesys Cloud Data Actions"
  integration_id = var.integration_id
  secure         = false
  contract_input = jsonencode({
    "type"                 = "object"
    "properties"           = {}
    "additionalProperties" = true
  })
  contract_output = jsonencode({
    "type" = "object"
    "properties" = {
      "orgName" = {
        "type" = "string"
      }
    }
  })
  config_request {
    request_url_template = "/api/v2/organizations/me"
    request_type         = "GET"
    request_template     = "$${input.rawRequest}"
    headers              = {}
  }
  config_response {
    translation_map = {
      "orgName" = "$.name"
    }
    translation_map_defaults = {}
    success_template         = "{\"orgName\": $${orgName}}"
  }
}
