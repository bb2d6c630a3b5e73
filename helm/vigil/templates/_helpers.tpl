{{/* Common labels of every object. */}}
{{- define "vigil.labels" -}}
app.kubernetes.io/name: vigil
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
{{- end -}}

{{/* The entry class of each job's jar. */}}
{{- define "vigil.entryClass" -}}
{{- $classes := dict "agent-logs" "dev.vigil.jobs.agentlogs.AgentLogsMain" "performance-metrics" "dev.vigil.jobs.metrics.PerformanceMetricsMain" "business-events" "dev.vigil.jobs.business.BusinessEventsMain" "errors" "dev.vigil.jobs.errors.ErrorsMain" "alerting" "dev.vigil.jobs.alerting.AlertingMain" -}}
{{- required (printf "unknown job %s (allowed: agent-logs, performance-metrics, business-events, errors, alerting)" .) (get $classes .) -}}
{{- end -}}

{{/* Where the secrets are mounted in every Flink pod. */}}
{{- define "vigil.secretsDir" -}}/etc/vigil/secrets{{- end -}}

{{/* A duration (500ms, 10s, 5min, 1h, 7d) in milliseconds. */}}
{{- define "vigil.millis" -}}
{{- $d := toString . -}}
{{- $units := dict "ms" 1 "s" 1000 "min" 60000 "h" 3600000 "d" 86400000 -}}
{{- $unit := regexFind "[a-z]+$" $d -}}
{{- $n := regexFind "^[0-9]+" $d -}}
{{- required (printf "%s is not a duration (e.g. 10s, 5min, 7d)" $d) (get $units $unit) | int64 | mul ($n | int64) -}}
{{- end -}}
