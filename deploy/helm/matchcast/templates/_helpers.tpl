{{- define "matchcast.labels" -}}
app.kubernetes.io/name: matchcast
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end -}}
