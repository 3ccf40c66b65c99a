resource "genesyscloud_integration_action" "create_note" {
  name           = "TF Create Contact Note Heredoc"
  category       = "External Contacts"
  integration_id = genesyscloud_integration.gc_data.id
  contract_input = jsonencode({
    type = "object"
    properties = {
      contactId = { type = "string" }
      text      = { type = "string" }
    }
  })
  contract_output = jsonencode({ type = "object", properties = { noteId = { type = "string" } } })
  config_request {
    request_url_template = "/api/v2/externalcontacts/contacts/$esc.url($${input.contactId})/notes"
    request_type         = "POST"
    request_template     = <<-EOT
      {
        "noteText": "$esc.jsonString($${input.text})",
        "entityType": "contact"
      }
    EOT
  }
  config_response {
    translation_map  = { noteId = "$.id" }
    success_template = <<EOT
{"noteId": $${noteId}}
EOT
  }
}

resource "genesyscloud_integration_action" "conditional_body" {
  name           = "TF Update Callback Heredoc If"
  category       = "Callbacks"
  integration_id = genesyscloud_integration.gc_data.id
  contract_input = jsonencode({
    type = "object"
    properties = {
      conversationId = { type = "string" }
      number         = { type = "string" }
      when           = { type = "string" }
    }
  })
  contract_output = jsonencode({ type = "object", properties = {} })
  config_request {
    request_url_template = "/api/v2/conversations/callbacks"
    request_type         = "PATCH"
    request_template     = <<-EOF
        {
          "conversationId": "$${input.conversationId}",
        #if("$!{input.when}" != "")
          "callbackScheduledTime": "$${input.when}",
        #end
          "callbackNumbers": ["$${input.number}"]
        }
    EOF
  }
  config_response {
    success_template = "$${rawResult}"
  }
}
