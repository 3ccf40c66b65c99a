resource "genesyscloud_integration_action" "function_example" {
  name           = "TF Custom Data Processing Function"
  category       = "function data action"
  integration_id = genesyscloud_integration.functions.id
  secure         = true

  # Contract defines the input/output schema for the function
  contract_input = jsonencode({
    "type"     = "object",
    "required" = ["inputData"],
    "properties" = {
      "inputData" = { "type" = "string", "description" = "The data to be processed" }
    }
  })
  contract_output = jsonencode({
    "type" = "object",
    "properties" = {
      "result" = { "type" = "string" }
    }
  })

  function_config {
    description       = "Processes data"
    handler           = "src/index.handler"
    runtime           = "nodejs20.x"
    timeout_seconds   = 15
    file_path         = "${path.module}/function.zip"
    file_content_hash = filesha256("${path.module}/function.zip")
    publish           = true
  }
}
