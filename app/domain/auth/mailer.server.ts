import type { DB } from "#db/connection";

export interface Message {
  channel: "email" | "sms";
  to: string;
  subject: string;
  body: string;
}

/**
 * How the store sends mail and text messages. There is no mail server here: messages go
 * to the `outbox` table (a relay can send them later) and, outside production, to the log.
 */
export interface Mailer {
  send(db: DB, message: Message): Promise<void>;
}

export const outboxMailer: Mailer = {
  async send(db, message) {
    await db.insertInto("outbox").values(message).execute();
    if (process.env.NODE_ENV !== "production" || process.env.LOG_OUTBOX === "1") {
      console.log(
        `[outbox] ${message.channel} to ${message.to}: ${message.subject}\n${message.body}`,
      );
    }
  },
};
