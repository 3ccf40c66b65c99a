"""Endpoints the SDK has for features this sandbox does not emulate, answered in Genesys's shapes.

Mutual-TLS certificates, an integration type's configuration schema, and function data actions
(code run by Genesys's function runtime) are outside the sandbox: the read endpoints answer an
empty but well-formed document (an org with nothing configured), and the function endpoints
answer a Genesys ErrorBody saying why, so the official SDK gets a typed answer instead of a 404.
Paths, models and permissions: the SDK's `apis/integrations_api.py` and `models/`.
"""

from __future__ import annotations

from typing import Any

from .errors import ApiError, not_found

CERTIFICATE_VIEW = ("integrations:actionCertificate:view",)
FUNCTION_VIEW = ("integrations:actionFunction:view",)
FUNCTION_EDIT = ("integrations:actionFunction:edit",)
CONFIG_TYPES = ("properties", "advanced")
# Runtimes the provider's own examples name (terraform-provider-genesyscloud
# examples/resources/genesyscloud_integration_action/function_config_example.tf).
RUNTIMES = (
    ("nodejs18.x", "Node.js 18"),
    ("nodejs20.x", "Node.js 20"),
    ("python3.9", "Python 3.9"),
)


def certificates(base: str) -> dict[str, Any]:
    """ActionCertificateListing: no client certificates are configured in a sandbox org."""
    return {
        "entities": [],
        "pageSize": 25,
        "pageNumber": 1,
        "total": 0,
        "pageCount": 0,
        "firstUri": f"{base}?pageSize=25&pageNumber=1",
        "selfUri": f"{base}?pageSize=25&pageNumber=1",
        "lastUri": f"{base}?pageSize=25&pageNumber=1",
    }


def truststore() -> dict[str, Any]:
    """TrustedCertificates: the sandbox trusts no extra certificate authorities."""
    return {"entities": [], "total": 0}


def config_schema(type_id: str, config_type: str) -> dict[str, Any]:
    """JsonSchemaDocument for an integration type's `properties` or `advanced` configuration:
    the data action types take free-form JSON in both."""
    if config_type not in CONFIG_TYPES:
        raise not_found("Config schema", f"{type_id}/{config_type}")
    return {
        "id": f"{type_id}-{config_type}",
        "$schema": "http://json-schema.org/draft-04/schema#",
        "title": f"{type_id} {config_type}",
        "type": "object",
        "properties": {},
        "additionalProperties": True,
    }


def runtimes() -> list[dict[str, Any]]:
    """list[FunctionRuntime]."""
    return [{"name": n, "description": d, "status": "Available"} for n, d in RUNTIMES]


def no_function(action_id: str) -> ApiError:
    """What a function endpoint answers for an action of a non-function integration."""
    return ApiError(
        400,
        "bad.request",
        f"Action {action_id} is not a function data action: function configuration exists "
        "only for actions of a Function Data Actions integration, which this sandbox does "
        "not emulate.",
        params={"actionId": action_id},
        details=[{"errorCode": "function.not.supported", "entityId": action_id}],
    )
