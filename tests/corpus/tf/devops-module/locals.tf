locals {
  api_base = "/api/v2"
  empty    = "\"\""
  shared_output = {
    "additionalProperties" = true,
    "type"                 = "object"
  }
}
