# One image for both processes (docker-compose.yml picks the command: otklik bots or otklik worker).
# Build stage: all dependencies, compile to dist/ (npm run build; the sandbox and the tests are not in it).
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

# Runtime stage: production dependencies and the compiled code only; runs as the image's `node` user.
FROM node:24-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
# Dependencies first, so a code change does not reinstall them.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
# dist/ carries the migrations, locales and word lists beside the code that reads them.
COPY --from=build /app/dist ./dist
COPY bin ./bin
RUN ln -s /app/bin/otklik.js /usr/local/bin/otklik

USER node
EXPOSE 8080
CMD ["otklik", "bots"]
