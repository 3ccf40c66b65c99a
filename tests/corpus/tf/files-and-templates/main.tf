locals {
  page_size = 5
}

resource "genesyscloud_integration_action" "search_user" {
  name            = "TF Search User By Email From Files"
  category        = "Users"
  integration_id  = genesyscloud_integration.gc_data.id
  contract_input  = file("${path.module}/contracts/search_input.json")
  contract_output = file("${path.module}/contracts/search_output.json")
  config_request {
    request_url_template = "/api/v2/users/search"
    request_type         = "POST"
    request_template     = templatefile("${path.module}/templates/search_body.json.tpl", { match = "EXACT", page_size = local.page_size })
  }
  config_response {
    translation_map = {
      userId = "$.results[0].id"
      total  = "$.total"
    }
    translation_map_defaults = {
      userId = "\"\""
    }
    success_template = trimspace(file("${path.module}/templates/success.vm"))
  }
}

resource "genesyscloud_integration_action" "missing_file" {
  name            = "TF Contract From Missing File"
  category        = "Users"
  integration_id  = genesyscloud_integration.gc_data.id
  contract_input  = jsonencode({ type = "object", properties = {} })
  contract_output = file("${path.module}/contracts/not_there.json")
  config_request {
    request_url_template = "/api/v2/users/me"
    request_type         = "GET"
    request_template     = "$${input.rawRequest}"
  }
  config_response {
    success_template = "$${rawResult}"
  }
}
