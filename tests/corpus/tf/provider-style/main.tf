# Data actions for the contact centre, in the provider documentation's style.
resource "genesyscloud_integration" "gc_data" {
  intended_state   = "ENABLED"
  integration_type = "purecloud-data-actions"
  config {
    name = "Genesys Cloud Data Actions"
  }
}

resource "genesyscloud_integration_action" "health_check" {
  name                   = "TF Service Health Check"
  category               = "Genesys Cloud Data Action"
  integration_id         = genesyscloud_integration.gc_data.id
  secure                 = true
  config_timeout_seconds = 20
  contract_input = jsonencode({
    "type" = "object",
    "required" = [
      "service"
    ],
    "properties" = {
      "service" = {
        "type" = "string"
      }
    }
  })
  contract_output = jsonencode({
    "type" = "object",
    "properties" = {
      "name" = {
        "type" = "string"
      }
      "build" = {
        "type" = "string"
      }
    }
  })
  config_request {
    # Use '$${' to indicate a literal '${' in template strings. Otherwise Terraform will attempt to interpolate the string
    # See https://www.terraform.io/docs/language/expressions/strings.html#escape-sequences
    request_url_template = "/api/v2/health/check/services/$esc.url($${input.service})"
    request_type         = "GET"
    request_template     = "$${input.rawRequest}" // the GET default
    headers = {
      Cache-Control = "no-cache" /* inline block comment */
    }
  }
  config_response {
    translation_map = {
      nameValue   = "$.Name"
      buildNumber = "$.Build-Version"
    }
    translation_map_defaults = {
      buildNumber = "\"UNKNOWN\"" # quoted: the default is JSON text
    }
    success_template = "{ \"name\": $${nameValue}, \"build\": $${buildNumber} }"
  }
}

resource "genesyscloud_integration_action" "provider_unknown_default" {
  name           = "TF Build Version Unquoted Default"
  category       = "Genesys Cloud Data Action"
  integration_id = genesyscloud_integration.gc_data.id
  contract_input = jsonencode({ "type" = "object", "properties" = {} })
  contract_output = jsonencode({
    "type" = "object",
    "properties" = { "build" = { "type" = "string" } }
  })
  config_request {
    request_url_template = "/api/v2/health/check"
    request_type         = "GET"
    request_template     = "$${input.rawRequest}"
  }
  config_response {
    translation_map          = { buildNumber = "$.Build-Version" }
    translation_map_defaults = { buildNumber = "UNKNOWN" }
    success_template         = "{ \"build\": $${buildNumber} }"
  }
}
