variable "action_name" {
  type        = string
  description = "Name of the data action"
  default     = "TF Get Campaign Queue"
}

variable "action_category" {
  type        = string
  description = "Category of the data action"
  default     = "Genesys Cloud Data Actions"
}

variable "integration_id" {
  type        = string
  description = "The id of the integration the action belongs to"
}

variable "secure_data_action" {
  type    = bool
  default = false
}
