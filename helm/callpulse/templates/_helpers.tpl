{{/* Chart name, truncated to the 63 characters a label value may have. */}}
{{- define "callpulse.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Prefix of every resource name: <release>-callpulse unless the release name already says it. */}}
{{- define "callpulse.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Labels every resource carries. Call with (dict "root" $ "component" "gateway"). */}}
{{- define "callpulse.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "callpulse.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: callpulse
{{- with .root.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* Labels that select one component's pods; never change them (selectors are immutable). */}}
{{- define "callpulse.selectorLabels" -}}
app.kubernetes.io/name: {{ include "callpulse.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* repository:tag, the tag defaulting to the chart's appVersion. Call with (dict "root" $ "image" .Values.x.image). */}}
{{- define "callpulse.image" -}}
{{- printf "%s:%s" .image.repository (default .root.Chart.AppVersion .image.tag) }}
{{- end }}

{{/* The ClickHouse password as an env var taken from the existing Secret. */}}
{{- define "callpulse.clickhousePasswordEnv" -}}
- name: CALLPULSE_CLICKHOUSE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ required "clickhouse.existingSecret is required" .Values.clickhouse.existingSecret }}
      key: {{ .Values.clickhouse.passwordKey }}
{{- end }}

{{/* JDBC URL of the CallPulse database. */}}
{{- define "callpulse.clickhouseDatabaseUrl" -}}
{{- printf "%s/%s" (trimSuffix "/" (required "clickhouse.url is required" .Values.clickhouse.url)) .Values.clickhouse.database }}
{{- end }}

{{/* Security context shared by the chart's own containers. */}}
{{- define "callpulse.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop:
    - ALL
{{- end }}

{{/* ClickHouse HTTP URL (clickhouse.url without its jdbc:clickhouse: prefix), for HTTP clients. */}}
{{- define "callpulse.clickhouseHttpUrl" -}}
{{- trimPrefix "jdbc:clickhouse:" (required "clickhouse.url is required" .Values.clickhouse.url) }}
{{- end }}

{{/* Pod security context shared by the chart's own pods (the images' unprivileged user 10001). */}}
{{- define "callpulse.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
seccompProfile:
  type: RuntimeDefault
{{- end }}
