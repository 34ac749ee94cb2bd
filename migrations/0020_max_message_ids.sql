CREATE TABLE "max_message_ids" (
	"id" serial PRIMARY KEY NOT NULL,
	"mid" text NOT NULL,
	CONSTRAINT "max_message_ids_mid_unique" UNIQUE("mid")
);
