import type { DB } from "#db/connection";
import { log } from "~/utils/log.server";

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
    // LOG_OUTBOX=1 logs in production too; LOG_OUTBOX=0 keeps a developer's log quiet (the
    // demo seed's order history would print thousands of messages)
    const wanted = process.env.LOG_OUTBOX;
    if (wanted === "1" || (process.env.NODE_ENV !== "production" && wanted !== "0")) {
      log.info("outbox", {
        channel: message.channel,
        to: message.to,
        subject: message.subject,
        body: message.body,
      });
    }
  },
};
