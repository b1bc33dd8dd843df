# The native executable in a minimal image, for Heroku's container stack. At the repository root so
# that the build context is the project and the root .dockerignore applies: heroku.yml builds with
# the Dockerfile's own folder as the context. docs/operations.md, "The native dyno", has both routes.
#
#   docker build -t ipythonblocks-native .                          # the web image (the last stage)
#   docker build --target release -t ipythonblocks-native-release . # the release phase's: migrate
#   docker run -i --rm -p 8080:8080 -e DATABASE_URL=... -e HASHIDS_PUBLIC_SALT=... -e HASHIDS_SECRET_SALT=... ipythonblocks-native
#
# The native build peaks at about 7 GB of memory: build where there is that much (Heroku's build
# machines have less; see the guide). Not tried on our machines, which have no container runtime.

## Build the executable
FROM quay.io/quarkus/ubi9-quarkus-mandrel-builder-image:jdk-25 AS build
USER root
RUN microdnf install -y findutils && microdnf clean all
USER quarkus
WORKDIR /code
COPY --chown=quarkus:quarkus --chmod=0755 mvnw /code/mvnw
COPY --chown=quarkus:quarkus .mvn /code/.mvn
COPY --chown=quarkus:quarkus pom.xml /code/
RUN ./mvnw -B -q dependency:go-offline
COPY --chown=quarkus:quarkus src /code/src
RUN ./mvnw -B package -Dnative -DskipTests

## What every image of the app holds
FROM quay.io/quarkus/ubi9-quarkus-micro-image:2.0 AS app
WORKDIR /work/
RUN chown 1001 /work && chmod "g+rwX" /work && chown 1001:root /work
COPY --from=build --chown=1001:root --chmod=0755 /code/target/*-runner /work/application
EXPOSE 8080
USER 1001

## The release phase (heroku container:release web release): migrations, then exit
FROM app AS release
CMD ["./application", "migrate"]

## The web dyno, for a 512 MB dyno; the last stage, so what a plain docker build makes
FROM app AS web
CMD ["./application", "-Xmx160m", "-Xss512k", "-XX:+ExitOnOutOfMemoryError", "-Dquarkus.flyway.migrate-at-start=false", "-Dquarkus.hibernate-orm.schema-management.strategy=none", "-Dquarkus.hibernate-orm.database.start-offline=true"]
