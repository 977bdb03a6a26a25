# Everything our rules and the linter refuse, for the test that proves they refuse it.
FROM ubuntu
COPY missing/app.jar /app.jar
CMD ["java", "-jar", "/app.jar"]
CMD ["java", "-version"]
