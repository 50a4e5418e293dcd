FROM alpine
COPY <<-EOT /x
		indented
	  mixed
		EOT
