CREATE TABLE "routing_choices" (
	"incident_id" bigint PRIMARY KEY NOT NULL,
	"topics" text[] NOT NULL,
	"signals" text[] NOT NULL,
	"departments" text[] NOT NULL,
	"routed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "routing_choices" ADD CONSTRAINT "routing_choices_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "routing_choices_signals" ON "routing_choices" USING gin ("signals");--> statement-breakpoint
CREATE INDEX "routing_choices_topics" ON "routing_choices" USING gin ("topics");--> statement-breakpoint
CREATE INDEX "routing_choices_routed" ON "routing_choices" USING btree ("routed_at");