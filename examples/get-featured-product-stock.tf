resource "genesyscloud_integration_action" "featured_product_stock" {
  name = "Get Featured Product Stock"
  category = "Commerce"
  integration_id = "7e4d2c1b-5a69-4f80-9b3c-2d1e0f9a8b7c"
  secure = true
  config_timeout_seconds = 20
  contract_input = jsonencode({
    "type" = "object"
    "properties" = {
      "catalogId" = {
        "type" = "string"
      }
      "clientId" = {
        "type" = "string"
      }
      "clientSecret" = {
        "type" = "string"
      }
    }
    "required" = [
      "catalogId",
      "clientId",
      "clientSecret",
    ]
    "additionalProperties" = true
  })
  contract_output = jsonencode({
    "type" = "object"
    "properties" = {
      "itemCount" = {
        "type" = "integer"
      }
      "featuredName" = {
        "type" = "string"
      }
      "featuredPrice" = {
        "type" = "number"
      }
      "featuredStock" = {
        "type" = "array"
        "items" = {
          "type" = "integer"
        }
      }
      "lastSku" = {
        "type" = "string"
      }
    }
    "additionalProperties" = true
  })
  config_request {
    request_url_template = "https://catalog.example.com/v1/catalogs/$esc.url($input.catalogId)/items?includeStock=true"
    request_type = "GET"
    request_template = "$${input.rawRequest}"
    headers = {
      "Accept" = "application/json"
      "Authorization" = "Basic $encoding.base64(\"$${input.clientId}:$${input.clientSecret}\")"
    }
  }
  config_response {
    translation_map = {
      "itemCount" = "$.total"
      "featuredName" = "$.items[?(@.sku=='SKU-001234')].name"
      "featuredPrice" = "$.items[?(@.sku=='SKU-001234')].price.amount"
      "featuredStock" = "$.items[?(@.sku=='SKU-001234')].stock[*].onHand"
      "lastSku" = "$.items[-1:].sku"
    }
    translation_map_defaults = {
      "featuredName" = "\"\""
      "featuredPrice" = "0"
      "lastSku" = "\"\""
    }
    success_template = "{\"itemCount\": $${itemCount}, \"featuredName\": $successTemplateUtils.firstFromArray(\"$${featuredName}\", \"$${esc.quote}$${esc.quote}\"), \"featuredPrice\": $successTemplateUtils.firstFromArray(\"$${featuredPrice}\", \"0\"), \"featuredStock\": $${featuredStock}, \"lastSku\": $successTemplateUtils.firstFromArray(\"$${lastSku}\", \"$${esc.quote}$${esc.quote}\")}"
  }
}
