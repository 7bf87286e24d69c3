import {createServer} from 'node:http'
import {readFileSync, existsSync} from 'node:fs'
import path from 'node:path'
import {chromium} from 'playwright-core'
const root = '/tmp/a/offline-dist'
const server = createServer((req, res) => {
  const p = path.join(root, decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/'))
  const file = existsSync(p) && !p.endsWith('/') && !existsSync(path.join(p, 'index.html')) ? p : path.join(root, 'index.html')
  const type = file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : 'text/html'
  res.writeHead(200, {'content-type': type}); res.end(readFileSync(file))
}).listen(3388)
const browser = await chromium.launch({executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync']})
const ctx = await browser.newContext({viewport: {width: 1400, height: 800}})
await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], {origin: 'http://localhost:3388'})
const page = await ctx.newPage()
page.on('pageerror', (e) => console.log('pageerror', e.message, e.stack?.slice(0,600)))
page.on('console', (m) => { if (m.type() === 'error') console.log('console', m.text().slice(0, 800)) })
await page.goto('http://localhost:3388/structure/reports')
await page.waitForTimeout(8000)
await page.screenshot({path: '/tmp/a/s1.png'})
if (await page.getByText('Copy error details').count()) { await page.getByText('Copy error details').click(); console.log('DETAILS', (await page.evaluate(() => navigator.clipboard.readText())).slice(0, 3000)) }
await page.getByText('Annual Report 2022').first().click({timeout: 3000})
await page.waitForTimeout(4000)
await page.screenshot({path: '/tmp/a/s2.png'})
console.log((await page.locator('body').innerText()).slice(0, 1500))
await browser.close(); server.close()
