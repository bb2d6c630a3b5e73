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

{{/* A duration (500ms, 10s, 5min or 5m, 1h, 7d) in milliseconds, as the jobs read them (Durations). */}}
{{- define "vigil.millis" -}}
{{- $d := toString . -}}
{{- $units := dict "ms" 1 "s" 1000 "m" 60000 "min" 60000 "h" 3600000 "d" 86400000 -}}
{{- $unit := regexFind "[a-z]+$" $d -}}
{{- $n := regexFind "^[0-9]+" $d -}}
{{- required (printf "%s is not a duration (e.g. 10s, 5min, 7d)" $d) (get $units $unit) | int64 | mul ($n | int64) -}}
{{- end -}}

{{/* The Vigil config (vigil.yaml) of one job: dict "root" . "job" NAME; extraConfig, then jobs.NAME.config, merged over it. */}}
{{- define "vigil.config" -}}
{{- $config := include "vigil.baseConfig" . | fromYaml -}}
{{- $config = mustMergeOverwrite $config (deepCopy .root.Values.extraConfig) (deepCopy ((get .root.Values.jobs .job).config | default dict)) -}}
{{- toYaml $config -}}
{{- end -}}

{{- define "vigil.baseConfig" -}}
{{- $root := .root -}}
{{- $v := $root.Values -}}
{{- $secrets := include "vigil.secretsDir" $root -}}
{{- $prefix := include "vigil.prefix" $root -}}
kafka:
  bootstrap-servers: {{ $v.kafka.bootstrapServers | quote }}
  topic-prefix: {{ $prefix | quote }}
  # the job appends its name: <prefix>-<job>
  group-id: {{ include "vigil.groupPrefix" $root | trimSuffix "-" | quote }}
  starting-offsets: committed
  security:
    protocol: {{ $v.kafka.securityProtocol }}
  {{- if hasPrefix "SASL" $v.kafka.securityProtocol }}
  sasl:
    mechanism: {{ $v.kafka.saslMechanism }}
    username: {{ include "vigil.kafkaUser" $root | quote }}
    password-file: {{ $secrets }}/kafka/{{ $v.kafka.passwordSecret.key }}
  {{- end }}
  {{- if hasSuffix "SSL" $v.kafka.securityProtocol }}
  ssl:
    truststore-file: {{ $secrets }}/kafka-ca/{{ $v.kafka.truststoreSecret.key }}
    truststore-password-file: {{ $secrets }}/kafka-ca/{{ $v.kafka.truststoreSecret.passwordKey }}
  {{- end }}
masking:
  hmac-key-file: {{ $secrets }}/masking/{{ $v.masking.keySecret.key }}
timescaledb:
  url: {{ $v.timescaledb.url | quote }}
  username: {{ $v.timescaledb.username | quote }}
  password-file: {{ $secrets }}/timescaledb/{{ $v.timescaledb.passwordSecret.key }}
elasticsearch:
  hosts: {{ toJson $v.elasticsearch.hosts }}
  username: {{ $v.elasticsearch.username | quote }}
  password-file: {{ $secrets }}/elasticsearch/{{ $v.elasticsearch.passwordSecret.key }}
  index-prefix: {{ include "vigil.groupPrefix" $root | quote }}
  shards: {{ $v.elasticsearch.shards }}
  replicas: {{ $v.elasticsearch.replicas }}
  field-names: {{ $v.elasticsearch.fieldNames | default "vigil" }}
{{- if $v.redis.uri }}
redis:
  uri: {{ $v.redis.uri | quote }}
  username: {{ $v.redis.username | quote }}
  {{- if $v.redis.passwordSecret.name }}
  password-file: {{ $secrets }}/redis/{{ $v.redis.passwordSecret.key }}
  {{- end }}
  {{- if $v.redis.caSecret.name }}
  tls:
    ca-file: {{ $secrets }}/redis-ca/{{ $v.redis.caSecret.key }}
  {{- end }}
{{- with (get $v "hot-tier") }}
hot-tier:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}
s3:
  archive-path: {{ $v.s3.archivePath | quote }}
  archive-format: {{ $v.s3.archiveFormat }}
checkpoint:
  interval: {{ $v.flink.checkpointInterval }}
  exactly-once: true
sampling:
  {{- toYaml $v.sampling | nindent 2 }}
{{- with (get $v.windows .job) }}
windows:
  {{ $.job }}:
    {{- toYaml . | nindent 4 }}
{{- end }}
detection:
  {{- toYaml $v.detection | nindent 2 }}
alerting:
  signing-key-file: {{ $secrets }}/alert-signing/{{ $v.alertSigning.keySecret.key }}
  {{- toYaml $v.alerting | nindent 2 }}
{{- end -}}

{{/* The jobs' Kafka user: kafka.username, or the release name. */}}
{{- define "vigil.kafkaUser" -}}
{{- default .Release.Name .Values.kafka.username -}}
{{- end -}}

{{/* Prefix of every topic: kafka.topicPrefix, or "<release>." so two releases stay apart. */}}
{{- define "vigil.prefix" -}}
{{- default (printf "%s." .Release.Name) .Values.kafka.topicPrefix -}}
{{- end -}}

{{/* Prefix of the jobs' consumer groups and transactional IDs: the topic prefix, dots as dashes ("vigil." -> "vigil-"), as DeadLetterSink derives it. */}}
{{- define "vigil.groupPrefix" -}}
{{- include "vigil.prefix" . | replace "." "-" -}}
{{- end -}}
