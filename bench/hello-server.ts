/** A bare Hono route on @hono/node-server: what one process here can serve at best. argv: PORT */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
app.get('/hello', (c) => c.text('hello'));
serve({ fetch: app.fetch, hostname: '127.0.0.1', port: Number(process.argv[2]) }, () => process.stdout.write('ready\n'));
