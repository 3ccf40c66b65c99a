terraform {
  required_providers {
    genesyscloud = {
      source = "mypurecloud/genesyscloud"
    }
  }
}

variable "integration_id" {
  description = "id of the Genesys Cloud Data Actions integration the actions belong to"
  type        = string
}
