<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AccountsPage</name>
    <message>
        <location filename="../ui/pages/accountspage.h" line="+23"/>
        <source>Accounts &amp; keys</source>
        <translation>账户与密钥</translation>
    </message>
    <message>
        <location filename="../ui/pages/accountspage.cpp" line="+30"/>
        <source>Payments</source>
        <translation>支付</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Market data</source>
        <translation>行情数据</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Remote FinAgent</source>
        <translation>远程 FinAgent</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Checking the keychain (%1)…</source>
        <translation>正在检查钥匙串（%1）…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Keys are kept in the %1. They are never shown again, logged or written to the settings file.</source>
        <translation>密钥保存在 %1 中，不会再次显示，也不会写入日志或设置文件。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No keychain can be used: %1</source>
        <translation>无法使用任何钥匙串：%1</translation>
    </message>
</context>
<context>
    <name>Autostart</name>
    <message>
        <location filename="../ui/autostart.cpp" line="+130"/>
        <source>Could not change the Windows start-up entry (%1).</source>
        <translation>无法更改 Windows 开机启动项（%1）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Could not remove %1; delete it to stop FinAgent from starting at login.</source>
        <translation>无法删除 %1；请手动删除它，以免 FinAgent 在登录时启动。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Could not create the folder %1.</source>
        <translation>无法创建文件夹 %1。</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Could not write %1 (%2).</source>
        <translation>无法写入 %1（%2）。</translation>
    </message>
</context>
<context>
    <name>BalanceCard</name>
    <message>
        <location filename="../ui/pages/balancecard.cpp" line="+149"/>
        <source>CoinRemitter refused the API key or password for %1 — set them on Accounts &amp; keys.</source>
        <translation>CoinRemitter 拒绝了 %1 的 API 密钥或密码，请在“账户与密钥”中重新设置。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 has no CoinRemitter API key and password yet — set them on Accounts &amp; keys.</source>
        <translation>%1 尚未设置 CoinRemitter API 密钥和密码，请在“账户与密钥”中设置。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The keys of %1 could not be read from the keychain: %2</source>
        <translation>无法从钥匙串读取 %1 的密钥：%2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The remote FinAgent has no working CoinRemitter key for %1: %2 Ask whoever runs it.</source>
        <translation>远程 FinAgent 没有可用于 %1 的 CoinRemitter 密钥：%2 请联系其管理员。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The balance of %1 could not be read.</source>
        <translation>无法读取 %1 的余额。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>≈ %1 USD</source>
        <translation>≈ %1 美元</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Refreshing…</source>
        <translation>正在刷新…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last read at %1; the latest refresh failed</source>
        <translation>上次读取于 %1；最近一次刷新失败</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Updated at %1</source>
        <translation>更新于 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Source: %1</source>
        <translation>来源：%1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Open Accounts &amp;&amp; keys</source>
        <translation>打开“账户与密钥”</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
</context>
<context>
    <name>BalanceFeed</name>
    <message>
        <location filename="../ui/pages/balancefeed.cpp" line="+98"/>
        <location line="+59"/>
        <source>The answer had no balance for %1.</source>
        <translation>返回结果中没有 %1 的余额。</translation>
    </message>
</context>
<context>
    <name>BalancesPage</name>
    <message>
        <location filename="../ui/pages/balancespage.h" line="+34"/>
        <source>Balances</source>
        <translation>余额</translation>
    </message>
    <message>
        <location filename="../ui/pages/balancespage.cpp" line="+37"/>
        <source>What the wallets FinAgent takes payments into hold. With the sandbox provider these are its simulated wallets.</source>
        <translation>FinAgent 收款钱包中的余额。使用沙盒服务商时，显示的是模拟钱包。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Read the balances again (F5)</source>
        <translation>重新读取余额（F5）</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Reading the wallets…</source>
        <translation>正在读取钱包…</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+190"/>
        <source>No wallets yet — add one on Accounts &amp; keys.</source>
        <translation>还没有钱包 — 请在“账户与密钥”中添加。</translation>
    </message>
    <message>
        <location line="-188"/>
        <location line="+189"/>
        <source>Open Accounts &amp;&amp; keys</source>
        <translation>打开“账户与密钥”</translation>
    </message>
    <message>
        <location line="-46"/>
        <source>The balances could not be read: %1</source>
        <translation>无法读取余额：%1</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>The remote FinAgent has no wallets configured.</source>
        <translation>远程 FinAgent 未配置任何钱包。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Sandbox provider (simulated payments)</source>
        <translation>沙盒服务商（模拟支付）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CoinRemitter</source>
        <translation>CoinRemitter</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>refreshing…</source>
        <translation>正在刷新…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>refreshed at %1</source>
        <translation>刷新于 %1</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>every %n second(s) while shown</source>
        <translation>
            <numerusform>显示期间每 %n 秒刷新</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CandlestickChart</name>
    <message>
        <location filename="../ui/widgets/candlestickchart.cpp" line="+40"/>
        <source>Candlestick chart</source>
        <translation>K 线图</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No candles to show.</source>
        <translation>没有可显示的 K 线。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 candles of %2; last close %3</source>
        <translation>%1 根 %2 K 线；最新收盘价 %3</translation>
    </message>
    <message>
        <location line="+152"/>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Loading candles…</source>
        <translation>正在加载 K 线…</translation>
    </message>
    <message>
        <location filename="../ui/widgets/candlestickpainter.cpp" line="+108"/>
        <source>Open %1</source>
        <translation>开盘 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>High %1</source>
        <translation>最高 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Low %1</source>
        <translation>最低 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close %1</source>
        <translation>收盘 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Volume %1</source>
        <translation>成交量 %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Change %1</source>
        <translation>涨跌 %1</translation>
    </message>
</context>
<context>
    <name>ChartAxis</name>
    <message>
        <location filename="../ui/widgets/chartaxis.cpp" line="+70"/>
        <source>d MMM</source>
        <translation>M月d日</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>MMM</source>
        <translation>M月</translation>
    </message>
</context>
<context>
    <name>ChartOverlays</name>
    <message>
        <location filename="../ui/pages/chartoverlays.cpp" line="+30"/>
        <source>SMA 20</source>
        <translation>SMA 20</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SMA 50</source>
        <translation>SMA 50</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>EMA 20</source>
        <translation>EMA 20</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bollinger 20/2</source>
        <translation>布林带 20/2</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>BB middle</source>
        <translation>布林中轨</translation>
    </message>
</context>
<context>
    <name>ClientConfigWriter</name>
    <message>
        <location filename="../server/config/clientconfigwriter.cpp" line="+108"/>
        <source>The server name &quot;%1&quot; cannot be used: use 1 to 64 letters, digits, &apos;-&apos;, &apos;_&apos; or &apos;.&apos;.</source>
        <translation>服务器名称“%1”不可用：请使用 1 到 64 个字母、数字、“-”、“_”或“.”。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 has no per-project config file; install it for your user instead (without a project folder).</source>
        <translation>%1 没有项目级配置文件；请改为为当前用户安装（不指定项目文件夹）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The project folder &quot;%1&quot; does not exist; give an existing folder.</source>
        <translation>项目文件夹“%1”不存在；请指定一个已存在的文件夹。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The FinAgent program path &quot;%1&quot; is not absolute; %2 needs the full path to start FinAgent.</source>
        <translation>FinAgent 程序路径“%1”不是绝对路径；%2 需要完整路径才能启动 FinAgent。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The MCP address &quot;%1&quot; is not an http:// or https:// URL; check the http.host and http.port settings.</source>
        <translation>MCP 地址“%1”不是 http:// 或 https:// URL；请检查 http.host 和 http.port 设置。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>FinAgent has not changed the file.</source>
        <translation>FinAgent 未修改该文件。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 is not valid JSON: %2 at line %3, column %4. %5 Fix the file (or move it away to start a new one), then try again.</source>
        <translation>%1 不是有效的 JSON（第 %3 行第 %4 列：%2）。%5 请修正该文件（或将其移走以新建一个），然后重试。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 has a comment at line %2, column %3, but %4 reads plain JSON without comments. %5 Remove the comment, then try again.</source>
        <translation>%1 的第 %2 行第 %3 列有注释，但 %4 只能读取不含注释的纯 JSON。%5 请删除该注释，然后重试。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 does not hold a JSON object, so it is not a %2 config file FinAgent can add to. %3 Fix it (or move it away), then try again.</source>
        <translation>%1 不是 JSON 对象，因此不是 FinAgent 可以写入的 %2 配置文件。%3 请修正（或将其移走），然后重试。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 has &quot;%2&quot; more than once, so it is unclear which one %3 uses. %4 Keep one of them, then try again.</source>
        <translation>%1 中多次出现“%2”，无法确定 %3 使用的是哪一个。%4 请只保留一个，然后重试。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>In %1, &quot;%2&quot; is not an object of servers. %3 Make it an object ({}) or remove it, then try again.</source>
        <translation>在 %1 中，“%2”不是服务器对象。%3 请将其改为对象（{}）或删除，然后重试。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>FinAgent could not change its entry in %1 without touching other parts of the file. %2 Add the snippet by hand instead.</source>
        <translation>FinAgent 无法在不影响 %1 其他部分的情况下修改其中的条目。%2 请改为手动添加配置片段。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 kept changing while FinAgent was updating it (is %2 saving it right now?). %3 Try again in a moment.</source>
        <translation>FinAgent 更新 %1 期间该文件一直在变化（%2 是否正在保存它？）。%3 请稍后重试。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 is a folder, not a file. Move it away, then try again.</source>
        <translation>%1 是文件夹而不是文件。请将其移走，然后重试。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 is too large to be a config file. %2</source>
        <translation>%1 太大，不像是配置文件。%2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>FinAgent could not keep a backup of %1 (%2), so it has not changed the file. Check that its folder is writable.</source>
        <translation>FinAgent 无法备份 %1（%2），因此未修改该文件。请检查其所在文件夹是否可写。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 Check the permissions of the file and its folder.</source>
        <translation>%1 请检查该文件及其所在文件夹的权限。</translation>
    </message>
    <message>
        <location line="+95"/>
        <location line="+37"/>
        <source>%1 has no per-project config file.</source>
        <translation>%1 没有项目级配置文件。</translation>
    </message>
</context>
<context>
    <name>ConnectPage</name>
    <message>
        <location filename="../ui/pages/connectpage.h" line="+32"/>
        <location filename="../ui/pages/connectpage.cpp" line="+402"/>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <location filename="../ui/pages/connectpage.cpp" line="-113"/>
        <source>Add FinAgent to the AI applications you use. FinAgent writes its entry into the application&apos;s MCP config file, leaves every other server and setting as it was, and keeps a copy of the previous version next to the file.</source>
        <translation>将 FinAgent 添加到你使用的 AI 应用中。FinAgent 会把自己的条目写入该应用的 MCP 配置文件，不改动其他服务器和设置，并在原文件旁保留上一版本的副本。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the folder that holds %1&apos;s config file</source>
        <translation>显示 %1 配置文件所在的文件夹</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 starts FinAgent by itself when it needs it (stdio); it does not read HTTP entries.</source>
        <translation>%1 会在需要时自行启动 FinAgent（stdio）；它不读取 HTTP 条目。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>HTTP: %1 connects to this app&apos;s local server (the app must be running)</source>
        <translation>HTTP：%1 连接本应用的本地服务器（应用须保持运行）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>stdio: %1 starts FinAgent by itself</source>
        <translation>stdio：由 %1 自行启动 FinAgent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove FinAgent&apos;s entry from %1&apos;s config file</source>
        <translation>从 %1 的配置文件中移除 FinAgent 条目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the entry, token included, to paste it by hand</source>
        <translation>复制条目（含令牌），以便手动粘贴</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Entry written for %1</source>
        <translation>已为 %1 写入的条目</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>FinAgent&apos;s server has no fixed port (the port setting is 0), so there is no address to write. Set a port on the Settings page, or choose stdio.</source>
        <translation>FinAgent 服务器没有固定端口（端口设置为 0），因此没有可写入的地址。请在“设置”页设置端口，或选择 stdio。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>FinAgent&apos;s server has no access token yet. Wait until it has started (see the Overview page), or choose stdio.</source>
        <translation>FinAgent 服务器还没有访问令牌。请等待其启动完成（见“概览”页），或选择 stdio。</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Its config file cannot be used</source>
        <translation>其配置文件无法使用</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>FinAgent is configured (%1)</source>
        <translation>已配置 FinAgent（%1）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>FinAgent is configured (%1), but not as chosen below or with an old address, token or program path: Update fixes it</source>
        <translation>已配置 FinAgent（%1），但与下方所选方式不同，或地址、令牌、程序路径已过期：点击“更新”即可修复</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>FinAgent is not configured here</source>
        <translation>此处尚未配置 FinAgent</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 was found on this computer.</source>
        <translation>已在本机找到 %1。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 was not found on this computer; you can still prepare its config.</source>
        <translation>本机未找到 %1；你仍可预先准备其配置。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Config file: %1</source>
        <translation>配置文件：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Update</source>
        <translation>更新</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write FinAgent&apos;s current entry into %1&apos;s config file</source>
        <translation>将 FinAgent 当前条目写入 %1 的配置文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add FinAgent to %1&apos;s config file</source>
        <translation>将 FinAgent 添加到 %1 的配置文件</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>%1 already holds this entry; nothing changed.</source>
        <translation>%1 已包含此条目，未做任何更改。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Written to %1.</source>
        <translation>已写入 %1。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Written to %1. The previous version is kept as %2.</source>
        <translation>已写入 %1。上一版本保存为 %2。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restart %1 (or reload its MCP servers) to use FinAgent.</source>
        <translation>请重启 %1（或重新加载其 MCP 服务器）以使用 FinAgent。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>FinAgent&apos;s server is stopped: start it on the Overview page, or %1 cannot reach FinAgent.</source>
        <translation>FinAgent 服务器已停止：请在“概览”页启动它，否则 %1 无法连接 FinAgent。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The access token is kept for this session only, so this entry stops working when FinAgent restarts (%1). Choose stdio to avoid this.</source>
        <translation>访问令牌仅在本次会话中有效，FinAgent 重启后此条目将失效（%1）。选择 stdio 可避免此问题。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Removed FinAgent from %1. The previous version is kept as %2.</source>
        <translation>已从 %1 中移除 FinAgent。上一版本保存为 %2。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>FinAgent was not in %1; nothing to remove.</source>
        <translation>%1 中没有 FinAgent，无需移除。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Hide token</source>
        <translation>隐藏令牌</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show token</source>
        <translation>显示令牌</translation>
    </message>
</context>
<context>
    <name>CopyField</name>
    <message>
        <location filename="../ui/widgets/copyfield.cpp" line="+142"/>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Copy to the clipboard</source>
        <translation>复制到剪贴板</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
</context>
<context>
    <name>DesktopShell</name>
    <message>
        <location filename="../ui/desktopshell.cpp" line="+163"/>
        <source>FinAgent is still running</source>
        <translation>FinAgent 仍在运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>FinAgent keeps serving your AI assistants from the tray. To quit, choose Quit FinAgent in its menu.</source>
        <translation>FinAgent 会在系统托盘中继续为你的 AI 助手提供服务。如需退出，请在托盘菜单中选择“退出 FinAgent”。</translation>
    </message>
</context>
<context>
    <name>IntervalSelector</name>
    <message>
        <location filename="../ui/widgets/intervalselector.cpp" line="+15"/>
        <source>Candle interval</source>
        <translation>K 线周期</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Candles of %1</source>
        <translation>%1 K 线</translation>
    </message>
</context>
<context>
    <name>InvoiceCsv</name>
    <message>
        <location filename="../ui/pages/invoicecsv.cpp" line="+77"/>
        <source>%1 could not be opened for writing (%2). Choose another folder.</source>
        <translation>无法打开 %1 进行写入（%2）。请选择其他文件夹。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 could not be written (%2). Check the free space and try again.</source>
        <translation>无法写入 %1（%2）。请检查可用空间后重试。</translation>
    </message>
</context>
<context>
    <name>InvoiceDetailPane</name>
    <message>
        <location filename="../ui/pages/invoicedetailpane.cpp" line="+222"/>
        <source>Select an invoice to see its payment details and QR code.</source>
        <translation>选择一个账单以查看付款详情和二维码。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+4"/>
        <source>Deposit address</source>
        <translation>收款地址</translation>
    </message>
    <message>
        <location line="-3"/>
        <location line="+6"/>
        <source>Payment page</source>
        <translation>付款页面</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the payment page in your browser</source>
        <translation>在浏览器中打开付款页面</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Payment page address</source>
        <translation>付款页面地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the deposit address as QR code (for wallet apps)</source>
        <translation>以二维码显示收款地址（供钱包应用扫描）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the payment page as QR code (for phone browsers)</source>
        <translation>以二维码显示付款页面（供手机浏览器扫描）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>QR code</source>
        <translation>二维码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Simulate payment</source>
        <translation>模拟付款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sandbox only: play the payer. No real money moves.</source>
        <translation>仅限沙盒：模拟付款方操作，不涉及真实资金。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Pay in full</source>
        <translation>全额支付</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pay too little (underpaid)</source>
        <translation>少付（金额不足）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pay too much (overpaid)</source>
        <translation>多付（超额支付）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Let it expire</source>
        <translation>任其过期</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>The payment page could not be opened. Copy its address and open it in your browser.</source>
        <translation>无法打开付款页面。请复制其地址并在浏览器中打开。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Status: %1</source>
        <translation>状态：%1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>≈ %1</source>
        <translation>≈ %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>asked in US dollars</source>
        <translation>以美元计价</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Paid %1</source>
        <translation>已付 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> · %1 still owed</source>
        <translation> · 仍欠 %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 on %2</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 by %2</source>
        <translation>%1，由 %2 创建</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Scan with a wallet app to pay to this address.</source>
        <translation>使用钱包应用扫码，向此地址付款。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan to open the payment page.</source>
        <translation>扫码打开付款页面。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Expires in %1 (%2)</source>
        <translation>剩余 %1（%2 到期）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Due to expire now (%1)</source>
        <translation>即将到期（%1）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Paid at %1</source>
        <translation>支付于 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expired at %1</source>
        <translation>过期于 %1</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>created</source>
        <translation>创建</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>checked with the provider</source>
        <translation>向服务商查询</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>reported by the provider</source>
        <translation>服务商通知</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>simulated</source>
        <translation>模拟</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>time ran out</source>
        <translation>超时</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>cancelled</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>InvoiceNotifications</name>
    <message>
        <location filename="../ui/invoicenotifications.cpp" line="+135"/>
        <source>Invoice paid</source>
        <translation>账单已支付</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 was paid in full: %2.</source>
        <translation>%1 已全额支付：%2。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Invoice overpaid</source>
        <translation>账单超额支付</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 received %2, more than the %3 asked.</source>
        <translation>%1 收到 %2，超过应付金额 %3。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Invoice underpaid</source>
        <translation>账单支付不足</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 received %2 of %3. The payer still owes %4.</source>
        <translation>%1 已收到 %2（应付 %3），付款方仍欠 %4。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Invoice expired</source>
        <translation>账单已过期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 for %2 expired without full payment.</source>
        <translation>%1（%2）未足额支付，已过期。</translation>
    </message>
</context>
<context>
    <name>InvoiceTableModel</name>
    <message>
        <location filename="../ui/pages/invoicetablemodel.cpp" line="+304"/>
        <source>%1, updated %2</source>
        <translation>%1，更新于 %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Paid %1</source>
        <translation>支付于 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expires %1</source>
        <translation>%1 到期</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1, asked as %2</source>
        <translation>%1，按 %2 计价</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Invoice</source>
        <translation>账单</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>USD</source>
        <translation>美元</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Created</source>
        <translation>创建</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expires</source>
        <translation>到期</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Pending</source>
        <translation>待支付</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Paid</source>
        <translation>已支付</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Underpaid</source>
        <translation>支付不足</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Overpaid</source>
        <translation>超额支付</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>in less than a minute</source>
        <translation>不到 1 分钟</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>just now</source>
        <translation>刚刚</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>in %n min</source>
        <translation>
            <numerusform>%n 分钟后</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n min ago</source>
        <translation>
            <numerusform>%n 分钟前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>in %n h</source>
        <translation>
            <numerusform>%n 小时后</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n h ago</source>
        <translation>
            <numerusform>%n 小时前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>in %n d</source>
        <translation>
            <numerusform>%n 天后</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n d ago</source>
        <translation>
            <numerusform>%n 天前</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InvoicesPage</name>
    <message>
        <location filename="../ui/pages/invoicespage.h" line="+56"/>
        <location filename="../ui/pages/invoicespage.cpp" line="+497"/>
        <source>Invoices</source>
        <translation>账单</translation>
    </message>
    <message>
        <location filename="../ui/pages/invoicespage.cpp" line="-38"/>
        <source>Search id, description or address</source>
        <translation>搜索编号、描述或地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search invoices</source>
        <translation>搜索账单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search the loaded invoices (Ctrl+F); Esc clears</source>
        <translation>搜索已加载的账单（Ctrl+F）；按 Esc 清除</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Status filter</source>
        <translation>状态筛选</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>All networks</source>
        <translation>全部网络</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Network filter</source>
        <translation>网络筛选</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Any time</source>
        <translation>任意时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custom range…</source>
        <translation>自定义范围…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Creation date filter</source>
        <translation>创建日期筛选</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Created on or after</source>
        <translation>创建日期不早于</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Created on or before</source>
        <translation>创建日期不晚于</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+436"/>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <location line="-435"/>
        <source>Refresh now (F5)</source>
        <translation>立即刷新（F5）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the invoices matching the filters as a CSV file</source>
        <translation>将符合筛选条件的账单保存为 CSV 文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+434"/>
        <source>New invoice</source>
        <translation>新建账单</translation>
    </message>
    <message>
        <location line="-433"/>
        <source>Create an invoice (Ctrl+N)</source>
        <translation>创建账单（Ctrl+N）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+426"/>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <location line="-425"/>
        <source>Load more</source>
        <translation>加载更多</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sandbox: invoices are simulated and no real money moves. Select a pending invoice and use Simulate payment to try a status change.</source>
        <translation>沙盒：账单均为模拟，不涉及真实资金。选择一个待支付账单，点击“模拟付款”即可试验状态变化。</translation>
    </message>
    <message>
        <location line="+249"/>
        <location line="+278"/>
        <source>FinAgent did not answer.</source>
        <translation>FinAgent 没有响应。</translation>
    </message>
    <message>
        <location line="-256"/>
        <source>The invoices could not be loaded: %1 FinAgent tries again by itself; use Try again to retry now.</source>
        <translation>无法加载账单：%1 FinAgent 会自动重试；点击“重试”可立即重新加载。</translation>
    </message>
    <message>
        <location line="+147"/>
        <source>Loading invoices…</source>
        <translation>正在加载账单…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The invoices could not be loaded.</source>
        <translation>无法加载账单。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No invoices match these filters.</source>
        <translation>没有符合筛选条件的账单。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No invoices yet — create one, or ask your AI assistant to.</source>
        <translation>还没有账单 — 新建一个，或让你的 AI 助手来创建。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 of %2 loaded invoices match the search</source>
        <translation>已加载的 %2 个账单中有 %1 个符合搜索条件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Showing %1 of %2 invoices</source>
        <translation>显示 %1 / %2 个账单</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 invoice</source>
        <translation>1 个账单</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 invoices</source>
        <translation>%1 个账单</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> · updated %1</source>
        <translation> · 更新于 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Refreshing…</source>
        <translation>正在刷新…</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>invoices-%1.csv</source>
        <translation>账单-%1.csv</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export invoices</source>
        <translation>导出账单</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The invoices could not be exported: %1</source>
        <translation>无法导出账单：%1</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>exported 1 invoice to %1</source>
        <translation>已将 1 个账单导出到 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>exported %1 invoices to %2</source>
        <translation>已将 %1 个账单导出到 %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Simulating…</source>
        <translation>正在模拟…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The simulation failed. Try again.</source>
        <translation>模拟失败，请重试。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Simulated: the invoice is now %1. No real money moved.</source>
        <translation>已模拟：账单状态现为“%1”。未发生真实资金往来。</translation>
    </message>
</context>
<context>
    <name>LocalEndpoint</name>
    <message>
        <location filename="../ui/localendpoint.cpp" line="+48"/>
        <source>The keychain could not be used (%1). FinAgent uses an access token that lasts until it quits; after a restart, give your AI clients the new token on the Connect page.</source>
        <translation>无法使用钥匙串（%1）。FinAgent 将使用一个在退出前有效的访问令牌；重启后，请在“连接”页将新令牌提供给你的 AI 客户端。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The access token could not be saved in the keychain (%1). It lasts until FinAgent quits; after a restart, give your AI clients the new token on the Connect page.</source>
        <translation>无法将访问令牌保存到钥匙串（%1）。该令牌在 FinAgent 退出前有效；重启后，请在“连接”页将新令牌提供给你的 AI 客户端。</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Unnamed client</source>
        <translation>未命名客户端</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>FinAgent could not listen on port %1; another program may be using it. Choose another port in Settings, or quit the program that uses it.</source>
        <translation>FinAgent 无法监听端口 %1，可能已被其他程序占用。请在“设置”中选择其他端口，或退出占用该端口的程序。</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>The new access token could not be saved in the keychain (%1). It lasts until FinAgent quits.</source>
        <translation>无法将新的访问令牌保存到钥匙串（%1）。该令牌在 FinAgent 退出前有效。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/mainwindow.cpp" line="+74"/>
        <source>Pages</source>
        <translation>页面</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Version %1</source>
        <translation>版本 %1</translation>
    </message>
    <message>
        <location line="+220"/>
        <source>Remote mode</source>
        <translation>远程模式</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Local mode</source>
        <translation>本地模式</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Serving MCP at %1</source>
        <translation>正在提供 MCP 服务：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connected clients: %1</source>
        <translation>已连接客户端：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Server not running: %1</source>
        <translation>服务器未运行：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Server stopped</source>
        <translation>服务器已停止</translation>
    </message>
</context>
<context>
    <name>MarketKeysPanel</name>
    <message>
        <location filename="../ui/pages/marketkeyspanel.cpp" line="+35"/>
        <source>Binance&apos;s market data needs no key. CoinGecko (coin prices, search, trending) works without one at a low rate limit; a free demo key or a paid pro key from coingecko.com raises it.</source>
        <translation>Binance 行情数据无需密钥。CoinGecko（币价、搜索、热门）无密钥也可使用，但速率限制较低；在 coingecko.com 获取免费的 Demo 密钥或付费的 Pro 密钥可提高限额。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Paste your CoinGecko API key</source>
        <translation>粘贴你的 CoinGecko API 密钥</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CoinGecko API key</source>
        <translation>CoinGecko API 密钥</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Keyless — no key, lowest rate limit</source>
        <translation>无密钥 — 速率限制最低</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Demo — free key</source>
        <translation>Demo — 免费密钥</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pro — paid key (pro-api.coingecko.com)</source>
        <translation>Pro — 付费密钥（pro-api.coingecko.com）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Tier</source>
        <translation>套餐</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>This tier needs a key: until one is saved above, CoinGecko is used without a key.</source>
        <translation>此套餐需要密钥：在上方保存密钥前，将以无密钥方式使用 CoinGecko。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The stored key is not sent while the tier is Keyless: choose Demo or Pro.</source>
        <translation>套餐为“无密钥”时不会发送已保存的密钥：请选择 Demo 或 Pro。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Asking CoinGecko for the price of bitcoin…</source>
        <translation>正在向 CoinGecko 查询比特币价格…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>CoinGecko did not answer: %1</source>
        <translation>CoinGecko 没有响应：%1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The answer came from the cache (%1 s old), so the key was not tried: test again in half a minute.</source>
        <translation>结果来自缓存（%1 秒前），未实际测试密钥：请半分钟后再试。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Connected: CoinGecko accepted the %1 key.</source>
        <translation>已连接：CoinGecko 接受了 %1 密钥。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connected: CoinGecko answers without a key.</source>
        <translation>已连接：CoinGecko 无需密钥即可响应。</translation>
    </message>
</context>
<context>
    <name>ModeStatus</name>
    <message>
        <location filename="../ui/pages/modestatus.cpp" line="+59"/>
        <source>Local</source>
        <translation>本地</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remote: no usable URL</source>
        <translation>远程：无可用 URL</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Remote: %1 — ready</source>
        <translation>远程：%1 — 就绪</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remote: %1 — connecting…</source>
        <translation>远程：%1 — 正在连接…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remote: %1 — unreachable since %2</source>
        <translation>远程：%1 — 自 %2 起无法访问</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remote: %1 — unreachable</source>
        <translation>远程：%1 — 无法访问</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remote: %1 — token refused</source>
        <translation>远程：%1 — 令牌被拒绝</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remote: %1</source>
        <translation>远程：%1</translation>
    </message>
</context>
<context>
    <name>NewInvoiceDialog</name>
    <message>
        <location filename="../ui/pages/newinvoicedialog.cpp" line="+165"/>
        <source>New invoice</source>
        <translation>新建账单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Amount</source>
        <translation>金额(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Network</source>
        <translation>网络(&amp;N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Description</source>
        <translation>描述(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Expires after</source>
        <translation>有效期(&amp;E)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>25.00</source>
        <translation>25.00</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What the payment is for (shown to the payer)</source>
        <translation>付款用途（付款方可见）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Minutes until the invoice expires</source>
        <translation>账单到期前的分钟数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create invoice</source>
        <translation>创建账单</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The payer gets a payment page and an address. This is the sandbox: no real money moves, and you can simulate the payment afterwards.</source>
        <translation>付款方会获得一个付款页面和收款地址。当前为沙盒环境：不涉及真实资金，之后可模拟付款。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The payer gets a payment page and an address. Amounts in USD are converted to the coin when the invoice is made.</source>
        <translation>付款方会获得一个付款页面和收款地址。以美元计价的金额会在创建账单时换算为对应币种。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Loading the payment networks…</source>
        <translation>正在加载支付网络…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The payment networks could not be read: %1 Close this dialog and try again; if it keeps failing, check the Overview page.</source>
        <translation>无法读取支付网络：%1 请关闭此对话框后重试；如果仍然失败，请查看“概览”页。</translation>
    </message>
    <message>
        <location line="+103"/>
        <source>Enter an amount, such as 25 or 10.50.</source>
        <translation>请输入金额，例如 25 或 10.50。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Write the amount with a point for decimals and no thousands separators, such as 1250.50.</source>
        <translation>金额请用小数点表示小数，不要使用千位分隔符，例如 1250.50。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write the amount as a plain number, such as 25 or 10.50.</source>
        <translation>请以纯数字输入金额，例如 25 或 10.50。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The amount must be more than 0.</source>
        <translation>金额必须大于 0。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 amounts are whole numbers.</source>
        <translation>%1 金额须为整数。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 amounts have at most 1 decimal.</source>
        <translation>%1 金额最多 1 位小数。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 amounts have at most %2 decimals.</source>
        <translation>%1 金额最多 %2 位小数。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The largest invoice is %1 %2. Split the payment into several invoices.</source>
        <translation>单个账单最多 %1 %2。请将款项拆分为多个账单。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No payment network is configured. Add a wallet on the Accounts page.</source>
        <translation>尚未配置支付网络。请在“账户与密钥”页添加钱包。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keep the description to %1 characters (%2 too many).</source>
        <translation>描述请控制在 %1 个字符以内（超出 %2 个）。</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>Creating the invoice…</source>
        <translation>正在创建账单…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The invoice could not be created. Try again; the same request never makes a second invoice.</source>
        <translation>无法创建账单。请重试；同一请求不会重复创建账单。</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <location filename="../ui/pages/overviewpage.h" line="+36"/>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <location filename="../ui/pages/overviewpage.cpp" line="+54"/>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>MCP server</source>
        <translation>MCP 服务器</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keychain</source>
        <translation>钥匙串</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Market data</source>
        <translation>行情数据</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Payments</source>
        <translation>支付</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remote FinAgent</source>
        <translation>远程 FinAgent</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>FinAgent serves its tools to AI assistants on this computer. Connect an assistant on the Connect page; its tool calls appear below.</source>
        <translation>FinAgent 为本机的 AI 助手提供工具。在“连接”页连接助手后，其工具调用会显示在下方。</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Where tools run</source>
        <translation>工具运行位置</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Tool calls from this window and from the AI assistants connected here go to the remote FinAgent; Health below is the remote&apos;s.</source>
        <translation>本窗口及连接到本机的 AI 助手发出的工具调用都会转发到远程 FinAgent；下方的运行状况为远程端的状态。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tool calls run on this computer. Switch to a hosted FinAgent on Accounts &amp; keys.</source>
        <translation>工具调用在本机运行。可在“账户与密钥”中切换到托管的 FinAgent。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Local MCP server</source>
        <translation>本地 MCP 服务器</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Not serving</source>
        <translation>未提供服务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MCP URL</source>
        <translation>MCP URL</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Reading the keychain…</source>
        <translation>正在读取钥匙串…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Regenerate…</source>
        <translation>重新生成…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Access token</source>
        <translation>访问令牌</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>AI assistants send the token as “Authorization: Bearer &lt;token&gt;”. Only programs on this computer can reach this address.</source>
        <translation>AI 助手以“Authorization: Bearer &lt;token&gt;”发送令牌。只有本机上的程序能访问此地址。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Connected clients</source>
        <translation>已连接客户端</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No AI assistant is connected over HTTP right now. Assistants that start FinAgent themselves (stdio) are not listed here.</source>
        <translation>当前没有通过 HTTP 连接的 AI 助手。自行启动 FinAgent（stdio）的助手不会在此列出。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Health</source>
        <translation>运行状况</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+1"/>
        <source>Check again</source>
        <translation>重新检查</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Recent tool calls</source>
        <translation>最近的工具调用</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No tool calls yet — connect an AI assistant on the Connect page.</source>
        <translation>还没有工具调用 — 请在“连接”页连接 AI 助手。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tool</source>
        <translation>工具</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Duration</source>
        <translation>耗时</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not running</source>
        <translation>未运行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stop server</source>
        <translation>停止服务器</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Start server</source>
        <translation>启动服务器</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A free port is chosen at each start</source>
        <translation>每次启动时自动选择空闲端口</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (not listening)</source>
        <translation>%1（未监听）</translation>
    </message>
    <message>
        <location line="+24"/>
        <location line="+1"/>
        <source>Regenerate the access token?</source>
        <translation>重新生成访问令牌？</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>AI clients connected over HTTP keep using the current token and will be refused until they get the new one. Update them on the Connect page afterwards.</source>
        <translation>通过 HTTP 连接的 AI 客户端仍会使用当前令牌，在获得新令牌前将被拒绝访问。之后请在“连接”页更新它们。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Recent tool calls are not available: %1</source>
        <translation>无法获取最近的工具调用：%1</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Unknown client</source>
        <translation>未知客户端</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1, over %2</source>
        <translation>%1，通过 %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>OK</source>
        <translation>成功</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Invalid arguments</source>
        <translation>参数无效</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Health check failed: %1</source>
        <translation>运行状况检查失败：%1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Everything works</source>
        <translation>一切正常</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Some parts need attention</source>
        <translation>部分组件需要注意</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Some parts are down</source>
        <translation>部分组件不可用</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>checked at %1</source>
        <translation>检查于 %1</translation>
    </message>
</context>
<context>
    <name>PaymentsPanel</name>
    <message>
        <location filename="../ui/pages/paymentspanel.cpp" line="+49"/>
        <source>Provider</source>
        <translation>服务商</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sandbox — simulated payments, no account</source>
        <translation>沙盒 — 模拟支付，无需账户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CoinRemitter — real USDT payments</source>
        <translation>CoinRemitter — 真实 USDT 收款</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&lt;b&gt;CoinRemitter wallets&lt;/b&gt;</source>
        <translation>&lt;b&gt;CoinRemitter 钱包&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>One wallet per coin, each with its own API key and password from coinremitter.com (Wallets → API). They are kept in the keychain and never shown again.</source>
        <translation>每个币种一个钱包，各自使用 coinremitter.com 提供的 API 密钥和密码（Wallets → API）。它们保存在钥匙串中，不会再次显示。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No wallets yet — add one below (for example USDTTRC20).</source>
        <translation>还没有钱包 — 请在下方添加（例如 USDTTRC20）。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Wallet coin, e.g. USDTTRC20</source>
        <translation>钱包币种，例如 USDTTRC20</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wallet coin to add</source>
        <translation>要添加的钱包币种</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add wallet</source>
        <translation>添加钱包</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>Type the coin of the wallet, as CoinRemitter names it (USDTTRC20, USDTERC20).</source>
        <translation>请输入钱包币种，与 CoinRemitter 的命名一致（USDTTRC20、USDTERC20）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>“%1” is not a CoinRemitter wallet code: use 2 to 20 letters and digits, as CoinRemitter names the coin (USDTTRC20, USDTERC20, BTC).</source>
        <translation>“%1”不是 CoinRemitter 钱包代码：请使用 2 到 20 个字母和数字，与 CoinRemitter 对币种的命名一致（USDTTRC20、USDTERC20、BTC）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 is already in the list.</source>
        <translation>%1 已在列表中。</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+1"/>
        <source>Remove the %1 wallet?</source>
        <translation>移除 %1 钱包？</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>FinAgent stops using it and deletes its API key and password from the keychain. Invoices made with it stay in the list.</source>
        <translation>FinAgent 将停止使用该钱包，并从钥匙串中删除其 API 密钥和密码。用它创建的账单仍保留在列表中。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>Invoices are made on CoinRemitter with the wallets below; each needs its API key and password.</source>
        <translation>账单通过下列钱包在 CoinRemitter 上创建；每个钱包都需要 API 密钥和密码。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The sandbox makes real invoices in FinAgent&apos;s own database and lets you simulate payments; no money moves and no account is needed.</source>
        <translation>沙盒会在 FinAgent 自己的数据库中创建真实账单，并可模拟付款；不涉及资金，也无需账户。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>FinAgent is running with the %1 provider: restart it to switch.</source>
        <translation>FinAgent 正在使用 %1 服务商运行：重启后才能切换。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sandbox</source>
        <translation>沙盒</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CoinRemitter</source>
        <translation>CoinRemitter</translation>
    </message>
</context>
<context>
    <name>PriceChartPanel</name>
    <message>
        <location filename="../ui/pages/pricechartpanel.cpp" line="+155"/>
        <source>Overlays:</source>
        <translation>叠加指标：</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Last price</source>
        <translation>最新价</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Select a symbol in the watchlist to see its chart.</source>
        <translation>在自选列表中选择一个交易对以查看其图表。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No symbol selected</source>
        <translation>未选择交易对</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>%1 in 24h</source>
        <translation>24h %1</translation>
    </message>
</context>
<context>
    <name>PriceFormat</name>
    <message>
        <location filename="../ui/widgets/priceformat.cpp" line="+162"/>
        <source>%1T</source>
        <translation>%1T</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1B</source>
        <translation>%1B</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1M</source>
        <translation>%1M</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1K</source>
        <translation>%1K</translation>
    </message>
</context>
<context>
    <name>PricesPage</name>
    <message>
        <location filename="../ui/pages/pricespage.h" line="+44"/>
        <source>Prices</source>
        <translation>行情</translation>
    </message>
    <message>
        <location filename="../ui/pages/pricespage.cpp" line="+112"/>
        <location line="+62"/>
        <source>Watchlist</source>
        <translation>自选</translation>
    </message>
    <message>
        <location line="-56"/>
        <source>Add a symbol: BTC, ETH/USDT, solana…</source>
        <translation>添加交易对：BTC、ETH/USDT、solana…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Symbol to add</source>
        <translation>要添加的交易对</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Move up (Alt+Up)</source>
        <translation>上移（Alt+Up）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move down (Alt+Down)</source>
        <translation>下移（Alt+Down）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove from the watchlist (Delete)</source>
        <translation>从自选中移除（Delete）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>Your watchlist is empty. Add a symbol above, such as BTC, ETH/USDT or solana.</source>
        <translation>自选列表为空。请在上方添加交易对，例如 BTC、ETH/USDT 或 solana。</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Type a symbol such as BTCUSDT, ETH/USDT or a coin name like solana.</source>
        <translation>请输入交易对，例如 BTCUSDT、ETH/USDT，或币种名称，例如 solana。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The watchlist holds up to %1 symbols. Remove one to add another.</source>
        <translation>自选列表最多容纳 %1 个交易对。请先移除一个再添加。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Checking %1…</source>
        <translation>正在检查 %1…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 could not be checked. Try again in a moment.</source>
        <translation>无法检查 %1，请稍后重试。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 is already on your watchlist.</source>
        <translation>%1 已在自选列表中。</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>The watchlist could not be saved: %1</source>
        <translation>无法保存自选列表：%1</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Add a symbol to the watchlist to see its chart here.</source>
        <translation>将交易对加入自选列表后，即可在此查看其图表。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select a symbol in the watchlist to see its chart.</source>
        <translation>在自选列表中选择一个交易对以查看其图表。</translation>
    </message>
</context>
<context>
    <name>QrCodeWidget</name>
    <message>
        <location filename="../ui/widgets/qrcodewidget.cpp" line="+33"/>
        <source>This text is too long for a QR code. Copy it instead.</source>
        <translation>文本过长，无法生成二维码。请改为复制。</translation>
    </message>
</context>
<context>
    <name>RemotePanel</name>
    <message>
        <location filename="../ui/pages/remotepanel.cpp" line="+47"/>
        <source>In remote mode every tool call — from this window and from the AI assistants connected to this computer — goes to a FinAgent your team hosts, with its wallets and keys. Switching needs no restart.</source>
        <translation>在远程模式下，所有工具调用（无论来自本窗口还是连接到本机的 AI 助手）都会发送到你的团队托管的 FinAgent，并使用其钱包和密钥。切换无需重启。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Local — tools run on this computer</source>
        <translation>本地 — 工具在本机运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remote — forward to a hosted FinAgent</source>
        <translation>远程 — 转发到托管的 FinAgent</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Remote URL</source>
        <translation>远程 URL</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Access token of the remote</source>
        <translation>远程端的访问令牌</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Access token</source>
        <translation>访问令牌</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Remote mode needs the remote&apos;s URL: until one is set, tool calls fail.</source>
        <translation>远程模式需要远程端的 URL：设置之前，工具调用都会失败。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>“%1” is not a URL: use https://host/mcp.</source>
        <translation>“%1”不是有效的 URL：请使用 https://host/mcp 格式。</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>No remote set</source>
        <translation>未设置远程端</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Connected to %1</source>
        <translation>已连接到 %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not connected (local mode)</source>
        <translation>未连接（本地模式）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connecting to %1…</source>
        <translation>正在连接 %1…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Remote: %1</source>
        <translation>远程：%1</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Set the remote&apos;s URL first.</source>
        <translation>请先设置远程端的 URL。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Asking %1 for its health…</source>
        <translation>正在查询 %1 的运行状况…</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Connected: the remote works.</source>
        <translation>已连接：远程端运行正常。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Connected, but the remote reports problems: %1</source>
        <translation>已连接，但远程端报告了问题：%1</translation>
    </message>
</context>
<context>
    <name>SecretEntry</name>
    <message>
        <location filename="../ui/pages/secretentry.cpp" line="+103"/>
        <location line="+125"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location line="-89"/>
        <location line="+89"/>
        <source>Removing…</source>
        <translation>正在移除…</translation>
    </message>
    <message>
        <location line="-41"/>
        <location line="+41"/>
        <source>Stored ✓</source>
        <translation>已保存 ✓</translation>
    </message>
    <message>
        <location line="-39"/>
        <location line="+39"/>
        <source>Not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <location line="-37"/>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+35"/>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>Stored in the keychain; the value is never shown.</source>
        <translation>已保存在钥匙串中；其值不会显示。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New value</source>
        <translation>新值</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replace…</source>
        <translation>替换…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete it from the keychain</source>
        <translation>从钥匙串中删除</translation>
    </message>
</context>
<context>
    <name>SettingSource</name>
    <message>
        <location filename="../ui/pages/settingsource.cpp" line="+15"/>
        <source>The environment variable %1 sets this for the running FinAgent, so a change here takes effect only once it is no longer set.</source>
        <translation>环境变量 %1 为正在运行的 FinAgent 设置了此项，因此此处的更改要等到该变量不再设置后才会生效。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>FinAgent was started with --set %1=…, which wins over a change here until it starts without it.</source>
        <translation>FinAgent 启动时使用了 --set %1=…，在不带该参数重新启动之前，它优先于此处的更改。</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../ui/pages/settingspage.h" line="+28"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../ui/pages/settingspage.cpp" line="+92"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Settings are kept in %1.</source>
        <translation>设置保存在 %1。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Local MCP server</source>
        <translation>本地 MCP 服务器</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+11"/>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>1024 to 65535, or 0 to take a free port at every start (clients then need the new URL each time).</source>
        <translation>1024 到 65535，或 0 表示每次启动时选择空闲端口（客户端每次都需要新的 URL）。</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+33"/>
        <source>Allowed origins</source>
        <translation>允许的来源</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>New origin</source>
        <translation>新来源</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Web pages from these origins may call FinAgent from a browser. Desktop AI assistants do not need an entry.</source>
        <translation>来自这些来源的网页可以在浏览器中调用 FinAgent。桌面 AI 助手无需添加。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Apply and Restart Server</source>
        <translation>应用并重启服务器</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+16"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>FinAgent shows the new language after you quit and start it again.</source>
        <translation>重新启动 FinAgent 后将显示新语言。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Prices page</source>
        <translation>行情页</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Invoices page</source>
        <translation>账单页</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How often the pages ask for new data while they are open.</source>
        <translation>页面打开时请求新数据的频率。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Desktop</source>
        <translation>桌面</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start FinAgent when I log in</source>
        <translation>登录时启动 FinAgent</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>FinAgent then starts in the tray, ready to serve your AI assistants.</source>
        <translation>FinAgent 将在系统托盘中启动，随时为你的 AI 助手提供服务。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show desktop notifications (for example when an invoice is paid)</source>
        <translation>显示桌面通知（例如账单已支付时）</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Set by the environment variable %1; change it there.</source>
        <translation>由环境变量 %1 设置；请在那里修改。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set on the command line for this run.</source>
        <translation>由本次运行的命令行参数设置。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Enter a port: a number from 1024 to 65535, or 0.</source>
        <translation>请输入端口：1024 到 65535 之间的数字，或 0。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>“%1” is not a port. Enter a number from 1024 to 65535, or 0 to take a free port at every start.</source>
        <translation>“%1”不是有效端口。请输入 1024 到 65535 之间的数字，或输入 0 以在每次启动时选择空闲端口。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ports below 1024 are reserved for system services. Choose one from 1024 to 65535.</source>
        <translation>1024 以下的端口保留给系统服务。请选择 1024 到 65535 之间的端口。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Enter an origin such as https://app.example.com.</source>
        <translation>请输入来源，例如 https://app.example.com。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“*” would let every web site call your tools. List the exact origins instead.</source>
        <translation>“*”会允许所有网站调用你的工具。请改为列出确切的来源。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>“%1” is not an origin. Write the scheme and the host, and the port if it is not the usual one: https://app.example.com or http://localhost:3000.</source>
        <translation>“%1”不是有效的来源。请写明协议和主机名，端口非默认时也要写明：https://app.example.com 或 http://localhost:3000。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>An origin has no user name or password: remove “%1@”.</source>
        <translation>来源中不能包含用户名或密码：请删除“%1@”。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An origin has no path: use %1.</source>
        <translation>来源中不能包含路径：请使用 %1。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Write the origin in lower case, as browsers send it: %1.</source>
        <translation>请使用小写字母书写来源，与浏览器发送的一致：%1。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 is already in the list.</source>
        <translation>%1 已在列表中。</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Saved, but the server did not start: %1</source>
        <translation>已保存，但服务器未能启动：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saved. The server now listens at %1.</source>
        <translation>已保存。服务器现在监听 %1。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saved. The server uses it when it starts.</source>
        <translation>已保存。服务器将在启动时使用该设置。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Could not save the setting: %1</source>
        <translation>无法保存设置：%1</translation>
    </message>
</context>
<context>
    <name>SingleInstance</name>
    <message>
        <location filename="../ui/singleinstance.cpp" line="+124"/>
        <source>FinAgent is already running (process %1).</source>
        <translation>FinAgent 已在运行（进程 %1）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot create the lock file %1: permission denied.</source>
        <translation>无法创建锁文件 %1：权限不足。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot create the lock file %1.</source>
        <translation>无法创建锁文件 %1。</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Cannot listen for other FinAgent launches on %1: %2</source>
        <translation>无法在 %1 上监听其他 FinAgent 实例的启动：%2</translation>
    </message>
</context>
<context>
    <name>TrayIcon</name>
    <message>
        <location filename="../ui/trayicon.cpp" line="+101"/>
        <source>Open FinAgent</source>
        <translation>打开 FinAgent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy MCP URL</source>
        <translation>复制 MCP URL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy Access Token</source>
        <translation>复制访问令牌</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quit FinAgent</source>
        <translation>退出 FinAgent</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>FinAgent — serving MCP at %1</source>
        <translation>FinAgent — 正在提供 MCP 服务：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>FinAgent — the server is not running: %1</source>
        <translation>FinAgent — 服务器未运行：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>FinAgent — starting…</source>
        <translation>FinAgent — 正在启动…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>FinAgent — server stopped</source>
        <translation>FinAgent — 服务器已停止</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Stop Server</source>
        <translation>停止服务器</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Start Server</source>
        <translation>启动服务器</translation>
    </message>
</context>
<context>
    <name>WalletEditor</name>
    <message>
        <location filename="../ui/pages/walleteditor.cpp" line="+54"/>
        <source>Remove wallet</source>
        <translation>移除钱包</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove %1 from the wallets FinAgent uses</source>
        <translation>从 FinAgent 使用的钱包中移除 %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Paste the wallet&apos;s API key</source>
        <translation>粘贴钱包的 API 密钥</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The wallet&apos;s API password</source>
        <translation>钱包的 API 密码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Added since FinAgent started: it uses this wallet after a restart.</source>
        <translation>此钱包在 FinAgent 启动后添加：重启后才会使用。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>FinAgent runs with the sandbox provider now, so it does not talk to CoinRemitter. Choose CoinRemitter above and restart FinAgent to test this wallet.</source>
        <translation>FinAgent 当前使用沙盒服务商，不会连接 CoinRemitter。请在上方选择 CoinRemitter 并重启 FinAgent 以测试此钱包。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>FinAgent started without the %1 wallet: restart it to test this one.</source>
        <translation>FinAgent 启动时未包含 %1 钱包：请重启后再测试。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Asking CoinRemitter for the %1 balance…</source>
        <translation>正在向 CoinRemitter 查询 %1 余额…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Connected: the %1 wallet holds %2 %3.</source>
        <translation>已连接：%1 钱包余额为 %2 %3。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The answer had no balance for %1.</source>
        <translation>返回结果中没有 %1 的余额。</translation>
    </message>
</context>
<context>
    <name>WatchlistModel</name>
    <message>
        <location filename="../ui/pages/watchlistmodel.cpp" line="+187"/>
        <source>loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 s ago</source>
        <translation>%1 秒前</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 min ago</source>
        <translation>%1 分钟前</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 h ago</source>
        <translation>%1 小时前</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>failed, data %1</source>
        <translation>失败，数据来自 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>stale, %1</source>
        <translation>数据较旧，%1</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>rising over 24 hours</source>
        <translation>24 小时上涨</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>falling over 24 hours</source>
        <translation>24 小时下跌</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Could not refresh %1: %2</source>
        <translation>无法刷新 %1：%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The upstream did not answer; this is the last known data.</source>
        <translation>上游没有响应；显示的是最后已知的数据。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Traded in the last 24 hours, in the quote currency: %1</source>
        <translation>最近 24 小时的成交额（以计价货币计）：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hourly closes over the last 24 hours</source>
        <translation>最近 24 小时的每小时收盘价</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Symbol</source>
        <translation>交易对</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last price</source>
        <translation>最新价</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>24h change</source>
        <translation>24h 涨跌</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>24h volume</source>
        <translation>24h 成交量</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>24h trend</source>
        <translation>24h 走势</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
</context>
</TS>
