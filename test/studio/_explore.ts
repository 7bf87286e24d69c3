import {chromium} from 'playwright-core'
import {serveStatic} from './static-server'
const srv = await serveStatic('/tmp/fwork/dist')
const browser = await chromium.launch({executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync']})
const page = await browser.newPage({viewport: {width: 1400, height: 900}})
page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.log('console', m.type(), m.text().slice(0, 300)) })
page.on('response', (r) => { if (r.status() >= 400) console.log('HTTP', r.status(), r.url().slice(0, 200)) })
page.on('requestfailed', (r) => console.log('FAILED', r.url().slice(0, 200), r.failure()?.errorText))
page.on('websocket', (ws) => console.log('WS', ws.url()))
await page.goto(srv.url + (process.argv[2] ?? '/structure/reports'))
await page.waitForTimeout(Number(process.argv[3] ?? 8000))
await page.screenshot({path: '/tmp/fwork/shot.png'})
console.log((await page.locator('body').innerText()).slice(0, 1500))
await browser.close(); await srv.close()
