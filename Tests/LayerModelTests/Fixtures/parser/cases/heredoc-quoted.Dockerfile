FROM alpine
RUN <<'EOF'
echo $HOME
EOF
RUN <<"EOT" cat
$x
EOT
