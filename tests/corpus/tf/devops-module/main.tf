resource "genesyscloud_integration_action" "action" {
    name           = var.action_name
    category       = var.action_category
    integration_id = var.integration_id
    secure         = var.secure_data_action

    contract_input  = jsonencode({
        "additionalProperties" = true,
        "properties" = {
            "campaignId" = {
                "type" = "string"
            }
        },
        "type" = "object"
    })
    contract_output = jsonencode({
        "additionalProperties" = true,
        "properties" = {
            "queueId" = {
                "type" = "string"
            },
            "queueName" = {
                "type" = "string"
            }
        },
        "type" = "object"
    })

    config_request {
        request_template     = "$${input.rawRequest}"
        request_type         = "GET"
        request_url_template = "${local.api_base}/outbound/campaigns/$esc.url($${input.campaignId})"
    }

    config_response {
        success_template = "{ \"queueId\": $${queueId}, \"queueName\": $${queueName} }"
        translation_map = {
			queueId = "$.queue.id"
			queueName = "$.queue.name"
		}
        translation_map_defaults = {
			queueId = local.empty
			queueName = local.empty
		}
    }
}

resource "genesyscloud_integration_action" "user_queues" {
    name           = "TF Get User Queues"
    category       = var.action_category
    integration_id = var.integration_id
    secure         = var.secure_data_action

    contract_input  = jsonencode({
        "additionalProperties" = true,
        "properties" = {
            "pageNumber" = {
                "default" = "1",
                "type" = "integer"
            },
            "userId" = {
                "type" = "string"
            }
        },
        "type" = "object"
    })
    contract_output = jsonencode(merge(local.shared_output, {
        "properties" = {
            "queueIds" = { "items" = { "type" = "string" }, "type" = "array" },
            "pageCount" = { "type" = "integer" }
        }
    }))

    config_request {
        request_template     = "$${input.rawRequest}"
        request_type         = "GET"
        request_url_template = "/api/v2/users/$${input.userId}/queues?pageSize=100&pageNumber=$${input.pageNumber}"
    }

    config_response {
        success_template = "{ \"queueIds\": $${ids}, \"pageCount\": $${pageCount} }"
        translation_map = {
            ids       = "$.entities..id"
            pageCount = "$.pageCount"
        }
        translation_map_defaults = {
            ids       = "[]"
            pageCount = "0"
        }
    }
}
