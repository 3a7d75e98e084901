# CCHC Inspect: one static binary on a minimal, non-root image.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/cchc ./cmd/cchc \
 && mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/cchc /cchc
COPY --from=build --chown=65532:65532 /out/data /data
ENV CCHC_ADDR=:8080 CCHC_DATA_DIR=/data
USER 65532:65532
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s CMD ["/cchc", "healthcheck"]
ENTRYPOINT ["/cchc"]
CMD ["serve"]
