import sqlite3 from "sqlite3";

/** Reads rows straight from a SQLite file (to see what the store really left on disk). */
export function sqliteRows(file: string, sql: string): Promise<Record<string, unknown>[]> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (err) => {
      if (err) return reject(err);
      db.all(sql, (err2, rows) => {
        db.close();
        if (err2) reject(err2);
        else resolve(rows as Record<string, unknown>[]);
      });
    });
  });
}
