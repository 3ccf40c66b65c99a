# A team's data action catalogue: many resources in one file.

resource "genesyscloud_integration_action" "get_user" {
  name           = "TF Get User"
  category       = "Genesys Cloud Data Actions"
  integration_id = genesyscloud_integration.gc_data.id
  contract_input = jsonencode({
    "type" = "object",
    "properties" = {
      "userId" = { "type" = "string" }
    }
  })
  contract_output = jsonencode({
    "type" = "object",
    "properties" = {
      "name" = { "type" = "string" },
      "email" = { "type" = "string" }
    }
  })
  config_request {
    request_url_template = "/api/v2/users/$esc.url($${input.userId})"
    request_type = "GET"
    request_template = "$${input.rawRequest}"
  }
  config_response {
    translation_map = {
      name = "$.name"
      email = "$.email"
    }
    translation_map_defaults = {
      email = "null"
    }
    success_template = "{\"name\": $${name}, \"email\": $${email}}"
  }
}

resource "genesyscloud_integration_action" "get_user_station" {
  name           = "TF Get User Station"
  category       = "Genesys Cloud Data Actions"
  integration_id = genesyscloud_integration.gc_data.id
  contract_input = jsonencode({
    "type" = "object",
    "properties" = {
      "userId" = { "type" = "string" }
    }
  })
  contract_output = jsonencode({
    "type" = "object",
    "properties" = {
      "stationId" = { "type" = "string" }
    }
  })
  config_request {
    request_url_template = "/api/v2/users/$esc.url($${input.userId})/station"
    request_type = "GET"
    request_template = "$${input.rawRequest}"
  }
  config_response {
    translation_map = {
      stationId = "$.associatedStation.id"
    }
    translation_map_defaults = {
      stationId = "\"\""
    }
    success_template = "{\"stationId\": $${stationId}}"
  }
}

resource "genesyscloud_integration_action" "search_contacts" {
  name           = "TF Search External Contacts"
  category       = "Genesys Cloud Data Actions"
  integration_id = genesyscloud_integration.gc_data.id
  contract_input = jsonencode({
    "type" = "object",
    "properties" = {
      "query" = { "type" = "string" }
    }
  })
  contract_output = jsonencode({
    "type" = "object",
    "properties" = {
      "ids" = { "type" = "array", "items" = { "type" = "string" } },
      "total" = { "type" = "integer" }
    }
  })
  config_request {
    request_url_template = "/api/v2/externalcontacts/contacts?q=$esc.url($${input.query})&pageSize=5"
    request_type = "GET"
    request_template = "$${input.rawRequest}"
  }
  config_response {
    translation_map = {
      ids = "$.entities[*].id"
      total = "$.total"
    }
    translation_map_defaults = {
      ids = "[]"
      total = "0"
    }
    success_template = "{\"ids\": $${ids}, \"total\": $${total}}"
  }
}

resource "genesyscloud_integration_action" "queue_observation" {
  name           = "TF Queue Waiting Count"
  category       = "Genesys Cloud Data Actions"
  integration_id = genesyscloud_integration.gc_data.id
  contract_input = jsonencode({
    "type" = "object",
    "properties" = {
      "queueId" = { "type" = "string" }
    }
  })
  contract_output = jsonencode({
    "type" = "object",
    "properties" = {
      "waiting" = { "type" = "integer" }
    }
  })
  config_request {
    request_url_template = "/api/v2/analytics/queues/observations/query"
    request_type = "POST"
    request_template = "{\"filter\": {\"type\": \"or\", \"predicates\": [{\"dimension\": \"queueId\", \"value\": \"$${input.queueId}\"}]}, \"metrics\": [\"oWaiting\"]}"
  }
  config_response {
    translation_map = {
      waiting = "$.results[0].data[?(@.metric==\"oWaiting\")].stats.count"
    }
    translation_map_defaults = {
      waiting = "[0]"
    }
    success_template = "{\"waiting\": $${successTemplateUtils.firstFromArray(\"$${waiting}\", \"0\")}}"
  }
}

resource "genesyscloud_integration_action" "jsonencode_colon" {
  name           = "TF Jsonencode Colon Keys"
  category       = "Genesys Cloud Data Actions"
  integration_id = genesyscloud_integration.gc_data.id
  contract_input = jsonencode({
    type : "object",
    properties : {
      name : { type : "string" },
    }
  })
  contract_output = jsonencode({
    "type" : "object",
    "properties" : {
      "codeId" : { "type" : "string" },
    },
  })
  config_request {
    request_url_template = "/api/v2/routing/wrapupcodes?name=$esc.url($${input.name})"
    request_type = "GET"
    request_template = "$${input.rawRequest}"
  }
  config_response {
    translation_map = {
      codeId = "$.entities[0].id"
    }
    translation_map_defaults = {
      codeId = "\"\""
    }
    success_template = "{\"codeId\": $${codeId}}"
  }
}

resource "genesyscloud_integration_action" "with_locals_ref_category" {
  name           = "TF Category From Integration Name"
  category       = data.genesyscloud_integration.gc.name
  integration_id = data.genesyscloud_integration.gc.id
  contract_input = jsonencode({
    "type" = "object",
    "properties" = {
      "flowId" = { "type" = "string" }
    }
  })
  contract_output = jsonencode({
    "type" = "object",
    "properties" = {
      "flowId" = { "type" = "string" }
    }
  })
  config_request {
    request_url_template = "/api/v2/flows/executions"
    request_type = "POST"
    request_template = "{\"flowId\": \"$${input.flowId}\"}"
  }
  config_response {
    success_template = "$${rawResult}"
  }
}

resource "genesyscloud_integration_action" "timeout_and_secure" {
  name           = "TF Secure Payment Token"
  category       = "Genesys Cloud Data Actions"
  integration_id = genesyscloud_integration.web_services.id
  secure         = true
  config_timeout_seconds = 10
  contract_input = jsonencode({
    "type" = "object",
    "properties" = {
      "cardRef" = { "type" = "string" }
    }
  })
  contract_output = jsonencode({
    "type" = "object",
    "properties" = {
      "token" = { "type" = "string" }
    }
  })
  config_request {
    request_url_template = "https://payments.example.com/tokens"
    request_type = "POST"
    request_template = "{\"ref\": \"$esc.jsonString($${input.cardRef})\"}"
    headers = {
      "Content-Type" = "application/json"
    }
  }
  config_response {
    translation_map = {
      token = "$.token"
    }
    success_template = "{\"token\": $${token}}"
  }
}

resource "genesyscloud_integration_action" "unicode_escapes" {
  name           = "TF Unicode Escapes \u00e9t\u00e9"
  category       = "Genesys Cloud Data Actions"
  integration_id = genesyscloud_integration.web_services.id
  contract_input = jsonencode({
    "type" = "object",
    "properties" = {
      "season" = { "type" = "string" }
    }
  })
  contract_output = jsonencode({
    "type" = "object",
    "properties" = {
      "label" = { "type" = "string" }
    }
  })
  config_request {
    request_url_template = "https://i18n.example.org/seasons/$esc.url($${input.season})"
    request_type = "GET"
    request_template = "$${input.rawRequest}"
  }
  config_response {
    translation_map = {
      label = "$.label"
    }
    translation_map_defaults = {
      label = "\"\u00e9t\u00e9\""
    }
    success_template = "{\"label\": $${label}}"
  }
}

resource "genesyscloud_integration_action" "percent_directive_escaped" {
  name           = "TF Literal Percent Brace"
  category       = "Genesys Cloud Data Actions"
  integration_id = genesyscloud_integration.web_services.id
  contract_input = jsonencode({
    "type" = "object",
    "properties" = {
      "t" = { "type" = "string" }
    }
  })
  contract_output = jsonencode({
    "type" = "object",
    "properties" = {
      "out" = { "type" = "string" }
    }
  })
  config_request {
    request_url_template = "https://fmt.example.com/render?t=$esc.url($${input.t})"
    request_type = "GET"
    request_template = "$${input.rawRequest}"
  }
  config_response {
    translation_map = {
      out = "$.out"
    }
    success_template = "{\"out\": $${out}, \"note\": \"%%{not a directive}\"}"
  }
}

resource "genesyscloud_integration_action" "rawresult_passthrough" {
  name           = "TF Raw Passthrough"
  category       = "Genesys Cloud Data Actions"
  integration_id = genesyscloud_integration.gc_data.id
  contract_input = jsonencode({
    "type" = "object",
    "properties" = {}
  })
  contract_output = jsonencode({ type = "object", properties = {}, additionalProperties = true })
  config_request {
    request_url_template = "/api/v2/organizations/me"
    request_type = "GET"
    request_template = "$${input.rawRequest}"
  }
  config_response {
    success_template = "$${rawResult}"
  }
}

resource "genesyscloud_integration_action" "delete_member" {
  name           = "TF Remove Queue Member"
  category       = "Genesys Cloud Data Actions"
  integration_id = genesyscloud_integration.gc_data.id
  contract_input = jsonencode({
    "type" = "object",
    "properties" = {
      "queueId" = { "type" = "string" },
      "userId" = { "type" = "string" }
    }
  })
  contract_output = jsonencode({
    "type" = "object",
    "properties" = {
      "queueId" = { "type" = "string" },
      "userId" = { "type" = "string" }
    }
  })
  config_request {
    request_url_template = "/api/v2/routing/queues/$esc.url($${input.queueId})/members/$esc.url($${input.userId})"
    request_type = "DELETE"
    request_template = "$${input.rawRequest}"
  }
  config_response {
    success_template = "$${rawResult}"
  }
}

resource "genesyscloud_integration_action" "put_presence" {
  name           = "TF Set User Presence"
  category       = "Genesys Cloud Data Actions"
  integration_id = genesyscloud_integration.gc_data.id
  contract_input = jsonencode({
    "type" = "object",
    "properties" = {
      "userId" = { "type" = "string" },
      "presenceId" = { "type" = "string" }
    }
  })
  contract_output = jsonencode({
    "type" = "object",
    "properties" = {
      "userId" = { "type" = "string" },
      "presenceId" = { "type" = "string" }
    }
  })
  config_request {
    request_url_template = "/api/v2/users/$esc.url($${input.userId})/presences/PURECLOUD"
    request_type = "PATCH"
    request_template = "{\"presenceDefinition\": {\"id\": \"$esc.jsonString($${input.presenceId})\"}}"
  }
  config_response {
    success_template = "$${rawResult}"
  }
}

resource "genesyscloud_integration_action" "math_success" {
  name           = "TF Average Handle Minutes"
  category       = "Genesys Cloud Data Actions"
  integration_id = genesyscloud_integration.web_services.id
  contract_input = jsonencode({
    "type" = "object",
    "properties" = {
      "queueId" = { "type" = "string" }
    }
  })
  contract_output = jsonencode({
    "type" = "object",
    "properties" = {
      "minutes" = { "type" = "number" }
    }
  })
  config_request {
    request_url_template = "/api/v2/analytics/queues/$esc.url($${input.queueId})/aht"
    request_type = "GET"
    request_template = "$${input.rawRequest}"
  }
  config_response {
    translation_map = {
      secs = "$.ahtSeconds"
    }
    translation_map_defaults = {
      secs = "0"
    }
    success_template = "{\"minutes\": $math.div($${secs}, 60)}"
  }
}

resource "genesyscloud_integration_action" "bool_output" {
  name           = "TF Is Holiday"
  category       = "Genesys Cloud Data Actions"
  integration_id = genesyscloud_integration.web_services.id
  contract_input = jsonencode({
    "type" = "object",
    "properties" = {
      "country" = { "type" = "string" }
    }
  })
  contract_output = jsonencode({
    "type" = "object",
    "properties" = {
      "holiday" = { "type" = "boolean" }
    }
  })
  config_request {
    request_url_template = "https://holidays.example.com/api/today?country=$esc.url($${input.country})"
    request_type = "GET"
    request_template = "$${input.rawRequest}"
  }
  config_response {
    translation_map = {
      holiday = "$.isHoliday"
    }
    translation_map_defaults = {
      holiday = "false"
    }
    success_template = "{\"holiday\": $${holiday}}"
  }
}

resource "genesyscloud_integration_action" "dotted_outputs" {
  name           = "TF Flattened Participant Ids"
  category       = "Genesys Cloud Data Actions"
  integration_id = genesyscloud_integration.gc_data.id
  contract_input = jsonencode({
    "type" = "object",
    "properties" = {
      "id" = { "type" = "string" }
    }
  })
  contract_output = jsonencode({
    type = "object"
    properties = {
      "participants.id" = { type = "array", items = { type = "string" } }
    }
  })
  config_request {
    request_url_template = "/api/v2/conversations/$esc.url($${input.id})"
    request_type = "GET"
    request_template = "$${input.rawRequest}"
  }
  config_response {
    translation_map = {
      participantIds = "$.participants[*].id"
    }
    success_template = "{\"participants.id\": $${participantIds}}"
  }
}

resource "genesyscloud_integration_action" "array_root" {
  name           = "TF Wrapup Code Names"
  category       = "Genesys Cloud Data Actions"
  integration_id = genesyscloud_integration.gc_data.id
  contract_input = jsonencode({
    "type" = "object",
    "properties" = {}
  })
  contract_output = jsonencode({ type = "array", items = { type = "string" } })
  config_request {
    request_url_template = "/api/v2/routing/wrapupcodes?pageSize=100"
    request_type = "GET"
    request_template = "$${input.rawRequest}"
  }
  config_response {
    translation_map = {
      names = "$.entities[*].name"
    }
    success_template = "$${names}"
  }
}

resource "genesyscloud_integration_action" "bad_miscased_url" {
  name           = "TF Miscased Url Input"
  category       = "Genesys Cloud Data Actions"
  integration_id = genesyscloud_integration.gc_data.id
  contract_input = jsonencode({
    "type" = "object",
    "properties" = {
      "userId" = { "type" = "string" }
    }
  })
  contract_output = jsonencode({
    "type" = "object",
    "properties" = {
      "userId" = { "type" = "string" }
    }
  })
  config_request {
    request_url_template = "/api/v2/users/$${INPUT.userId}"
    request_type = "GET"
    request_template = "$${input.rawRequest}"
  }
  config_response {
    success_template = "$${rawResult}"
  }
}

resource "genesyscloud_integration_action" "bad_jsonpath" {
  name           = "TF Bad JsonPath"
  category       = "Genesys Cloud Data Actions"
  integration_id = genesyscloud_integration.gc_data.id
  contract_input = jsonencode({
    "type" = "object",
    "properties" = {}
  })
  contract_output = jsonencode({
    "type" = "object",
    "properties" = {
      "x" = { "type" = "string" }
    }
  })
  config_request {
    request_url_template = "/api/v2/users/me"
    request_type = "GET"
    request_template = "$${input.rawRequest}"
  }
  config_response {
    translation_map = {
      x = "$..[?(@.a ==]"
    }
    success_template = "{\"x\": $${x}}"
  }
}

resource "genesyscloud_integration_action" "bad_velocity" {
  name           = "TF Bad Velocity Foreach"
  category       = "Genesys Cloud Data Actions"
  integration_id = genesyscloud_integration.gc_data.id
  contract_input = jsonencode({
    "type" = "object",
    "properties" = {}
  })
  contract_output = jsonencode({
    "type" = "object",
    "properties" = {
      "x" = { "type" = "string" }
    }
  })
  config_request {
    request_url_template = "/api/v2/users/me"
    request_type = "GET"
    request_template = "$${input.rawRequest}"
  }
  config_response {
    translation_map = {
      x = "$.name"
    }
    success_template = "#foreach($i in $items) $${x}"
  }
}

resource "genesyscloud_integration_action" "bad_reserved" {
  name           = "TF Reserved Org Id Input"
  category       = "Genesys Cloud Data Actions"
  integration_id = genesyscloud_integration.gc_data.id
  contract_input = jsonencode({
    "type" = "object",
    "properties" = {
      "orgId" = { "type" = "string" }
    }
  })
  contract_output = jsonencode({
    "type" = "object",
    "properties" = {
      "orgId" = { "type" = "string" }
    }
  })
  config_request {
    request_url_template = "/api/v2/organizations/$${input.orgId}"
    request_type = "GET"
    request_template = "$${input.rawRequest}"
  }
  config_response {
    success_template = "$${rawResult}"
  }
}

resource "genesyscloud_integration_action" "bad_root_string" {
  name           = "TF Output Root String"
  category       = "Genesys Cloud Data Actions"
  integration_id = genesyscloud_integration.gc_data.id
  contract_input = jsonencode({
    "type" = "object",
    "properties" = {}
  })
  contract_output = jsonencode({ type = "string" })
  config_request {
    request_url_template = "/api/v2/users/me"
    request_type = "GET"
    request_template = "$${input.rawRequest}"
  }
  config_response {
    success_template = "$${rawResult}"
  }
}

resource "genesyscloud_integration_action" "get_body_unknown_input" {
  name           = "TF Get With Stray Body"
  category       = "Genesys Cloud Data Actions"
  integration_id = genesyscloud_integration.gc_data.id
  contract_input = jsonencode({
    "type" = "object",
    "properties" = {}
  })
  contract_output = jsonencode({
    "type" = "object",
    "properties" = {}
  })
  config_request {
    request_url_template = "/api/v2/users/me"
    request_type = "GET"
    request_template = "{\"x\": \"$${input.ghost}\"}"
  }
  config_response {
    success_template = "$${rawResult}"
  }
}
