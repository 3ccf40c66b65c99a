{"query": [{"type": "${match}", "fields": ["email"], "value": "$esc.jsonString($${input.email})"}], "pageSize": ${page_size}}
