// Drives Node's mysql2 against a Tessera FE and prints one line per operation:
//   <operation>\tOK\t<value as JSON>   or   <operation>\tFAIL\t<error>
// The Java test (ClientMatrixTest) starts the cluster, loads the table and checks every line.
// Usage: node mysql2_client.js <host> <port> <database> <table>
'use strict';
const mysql = require('mysql2/promise');

const [host, port, database, table] = process.argv.slice(2);

async function step(name, action) {
  try {
    const value = await action();
    console.log(`${name}\tOK\t${JSON.stringify(value)}`);
  } catch (error) {
    console.log(`${name}\tFAIL\t${error.code || ''} ${error.errno || ''} ${String(error.message).split('\n')[0]}`);
  }
}

async function main() {
  const options = { host, port: Number(port), user: 'root', password: '', database, connectTimeout: 10000 };
  const connection = await mysql.createConnection(options);
  await step('query', async () => {
    const [rows] = await connection.query(`SELECT id, city, amount FROM ${table} ORDER BY id`);
    return rows.map((row) => [Number(row.id), row.city, String(row.amount)]);
  });
  await step('query_placeholders', async () => {
    const [rows] = await connection.query(`SELECT id FROM ${table} WHERE city = ? ORDER BY id`, ['Oslo']);
    return rows.map((row) => Number(row.id));
  });
  await step('execute', async () => {
    const [rows] = await connection.execute(`SELECT id, city FROM ${table} WHERE id >= ? AND city = ? ORDER BY id`,
      [2, 'Oslo']);
    return rows.map((row) => [Number(row.id), row.city]);
  });
  await step('execute_again', async () => {
    const [rows] = await connection.execute(`SELECT count(*) AS n FROM ${table} WHERE id >= ?`, [1]);
    return Number(rows[0].n);
  });
  await step('field_types', async () => {
    const [, fields] = await connection.query(`SELECT id, city, amount, placed FROM ${table} LIMIT 1`);
    return fields.map((field) => [field.name, field.columnType]);
  });
  await step('transaction_commit', async () => {
    await connection.beginTransaction();
    await connection.query(`INSERT INTO ${table} VALUES (100, 'Lima', 1.00, '2026-05-06')`);
    await connection.commit();
    const [rows] = await connection.query(`SELECT count(*) AS n FROM ${table} WHERE id = 100`);
    return Number(rows[0].n);
  });
  await step('transaction_rollback', async () => {
    await connection.beginTransaction();
    await connection.query(`INSERT INTO ${table} VALUES (101, 'Lima', 1.00, '2026-05-06')`);
    await connection.rollback();
    const [rows] = await connection.query(`SELECT count(*) AS n FROM ${table} WHERE id = 101`);
    return Number(rows[0].n);
  });
  await step('unknown_table_error', async () => {
    try {
      await connection.query('SELECT * FROM no_such_table');
      return 'no error';
    } catch (error) {
      return error.errno;
    }
  });
  await connection.end();
}

main().catch((error) => {
  console.log(`connect\tFAIL\t${error.code || ''} ${error.message}`);
  process.exitCode = 1;
});
