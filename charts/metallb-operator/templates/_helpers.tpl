{{/* Labels of every object the chart installs (the recommended app.kubernetes.io set). */}}
{{- define "metallb-operator.labels" -}}
app.kubernetes.io/name: metallb-operator
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/part-of: metallb
app.kubernetes.io/component: operator
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "metallb-operator.selectorLabels" -}}
app.kubernetes.io/name: metallb-operator
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* An image of the release: registry/name:tag, the tag defaulting to v<appVersion>. */}}
{{- define "metallb-operator.image" -}}
{{- $tag := .root.Values.image.tag | default (printf "v%s" .root.Chart.AppVersion) -}}
{{- printf "%s/%s:%s" .root.Values.image.registry .name $tag -}}
{{- end -}}

{{- define "metallb-operator.name" -}}
{{ .Release.Name }}-controller-manager
{{- end -}}

