variable "action_name" {
  type = string
}
variable "action_category" {
  type = string
}
variable "integration_id" {
  type = string
}
