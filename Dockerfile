# One image for both processes (docker-compose.yml picks the command: bots or worker).
FROM node:20-bookworm-slim

ENV NODE_ENV=production
WORKDIR /app

# Dependencies first, so a code change does not reinstall them. tsx is a runtime
# dependency: the TypeScript sources run as they are, there is no build step.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force

COPY . .

USER node
EXPOSE 8080
CMD ["npx", "tsx", "shared/cli/main.ts", "bots"]
