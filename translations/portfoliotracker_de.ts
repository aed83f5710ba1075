<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>AssetDetailView</name>
    <message>
        <location filename="../ui/assetdetailview.ui" line="+25"/>
        <source>One month</source>
        <translation>Ein Monat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1M</source>
        <comment>a range of days</comment>
        <translation>1M</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Three months</source>
        <translation>Drei Monate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>3M</source>
        <comment>a range of days</comment>
        <translation>3M</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Year to date</source>
        <translation>Seit Jahresbeginn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>YTD</source>
        <comment>a range of days</comment>
        <translation>lfd. J.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>One year</source>
        <translation>Ein Jahr</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1Y</source>
        <comment>a range of days</comment>
        <translation>1J</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Five years</source>
        <translation>Fünf Jahre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>5Y</source>
        <comment>a range of days</comment>
        <translation>5J</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Every stored price</source>
        <translation>Alle gespeicherten Kurse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All</source>
        <comment>a range of days</comment>
        <translation>Alle</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Quantity:</source>
        <translation>Stückzahl:</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+12"/>
        <location line="+12"/>
        <location line="+12"/>
        <location line="+12"/>
        <location line="+12"/>
        <location line="+12"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location line="-65"/>
        <source>Average cost:</source>
        <translation>Ø Einstandskurs:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cost basis:</source>
        <translation>Einstandswert:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Market value:</source>
        <translation>Marktwert:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Unrealized gain:</source>
        <translation>Nicht realisierter Gewinn:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Realized gain:</source>
        <translation>Realisierter Gewinn:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Income:</source>
        <translation>Erträge:</translation>
    </message>
</context>
<context>
    <name>AssetSearchDialog</name>
    <message>
        <location filename="../ui/assetsearchdialog.ui" line="+14"/>
        <source>Add Asset</source>
        <translation>Anlage hinzufügen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Search:</source>
        <translation>&amp;Suchen:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Symbol or name, e.g. AAPL, SAP.DE, bitcoin</source>
        <translation>Symbol oder Name, z. B. AAPL, SAP.DE, bitcoin</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>&amp;Currency:</source>
        <translation>&amp;Währung:</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The currency the selected asset trades in; looked up from its source when left empty</source>
        <translation>Die Währung, in der die gewählte Anlage gehandelt wird; bleibt das Feld leer, wird sie bei der Quelle nachgeschlagen</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <location filename="../ui/dashboardview.ui" line="+24"/>
        <source>Valuing…</source>
        <translation>Bewertung läuft…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>One month (Alt+1)</source>
        <translation>Ein Monat (Alt+1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1M</source>
        <comment>a range of days</comment>
        <translation>1M</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alt+1</source>
        <translation>Alt+1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Three months (Alt+2)</source>
        <translation>Drei Monate (Alt+2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>3M</source>
        <comment>a range of days</comment>
        <translation>3M</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alt+2</source>
        <translation>Alt+2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Year to date (Alt+3)</source>
        <translation>Seit Jahresbeginn (Alt+3)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>YTD</source>
        <comment>a range of days</comment>
        <translation>lfd. J.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alt+3</source>
        <translation>Alt+3</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>One year (Alt+4)</source>
        <translation>Ein Jahr (Alt+4)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1Y</source>
        <comment>a range of days</comment>
        <translation>1J</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alt+4</source>
        <translation>Alt+4</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Five years (Alt+5)</source>
        <translation>Fünf Jahre (Alt+5)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>5Y</source>
        <comment>a range of days</comment>
        <translation>5J</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alt+5</source>
        <translation>Alt+5</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Everything since the first entry (Alt+6)</source>
        <translation>Alles seit der ersten Buchung (Alt+6)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All</source>
        <comment>a range of days</comment>
        <translation>Alle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alt+6</source>
        <translation>Alt+6</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The market value of the holdings and cash on the last day</source>
        <translation>Der Marktwert der Positionen und des Barbestands am letzten Tag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+12"/>
        <location line="+12"/>
        <location line="+12"/>
        <location line="+12"/>
        <location line="+12"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>The change of the last day, net of deposits and withdrawals</source>
        <translation>Die Veränderung des letzten Tages, bereinigt um Einlagen und Entnahmen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Day change</source>
        <translation>Tagesveränderung</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The gain over the range: end value − start value − net deposits</source>
        <translation>Der Gewinn im Zeitraum: Endwert − Anfangswert − Nettoeinlagen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gain</source>
        <translation>Gewinn</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Growth over the range with deposits and withdrawals taken out; annualised beyond a year</source>
        <translation>Wertzuwachs im Zeitraum ohne Einlagen und Entnahmen; über ein Jahr hinaus annualisiert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time-weighted return</source>
        <translation>Zeitgewichtete Rendite</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The internal rate of return (XIRR) of the range&apos;s flows, per year</source>
        <translation>Der interne Zinsfuß (XIRR) der Zahlungsströme im Zeitraum, pro Jahr</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Money-weighted return</source>
        <translation>Kapitalgewichtete Rendite</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The largest fall from a peak within the range</source>
        <translation>Der größte Rückgang von einem Höchststand im Zeitraum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Max drawdown</source>
        <translation>Max. Drawdown</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>&amp;Allocation by:</source>
        <translation>&amp;Aufteilung nach:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Asset class</source>
        <translation>Anlageklasse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currency</source>
        <translation>Währung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Asset</source>
        <translation>Anlage</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Gain per holding over the range</source>
        <translation>Gewinn je Position im Zeitraum</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../ui/firstrundialog.ui" line="+14"/>
        <source>Welcome</source>
        <translation>Willkommen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Welcome to Portfolio Tracker</source>
        <translation>Willkommen bei Portfolio Tracker</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>There are no portfolios yet. Start with your own, or look around a sample first.</source>
        <translation>Es gibt noch keine Portfolios. Legen Sie Ihr eigenes an oder sehen Sie sich zuerst ein Beispiel an.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Create a portfolio…</source>
        <translation>Portfolio &amp;anlegen…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give it a name and a base currency, then enter your deposits and trades.</source>
        <translation>Geben Sie ihm einen Namen und eine Basiswährung, dann erfassen Sie Ihre Einlagen, Käufe und Verkäufe.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Explore a sample portfolio</source>
        <translation>&amp;Beispielportfolio erkunden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Three years of made-up assets and prices, labelled “Sample”. It works offline, and you can remove it later from the File menu.</source>
        <translation>Drei Jahre mit erfundenen Anlagen und Kursen, als „Beispiel“ gekennzeichnet. Es funktioniert offline, und Sie können es später über das Menü Datei wieder entfernen.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>&amp;Don&apos;t show this again</source>
        <translation>&amp;Nicht mehr anzeigen</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>&amp;Not now</source>
        <translation>&amp;Jetzt nicht</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/mainwindow.ui" line="+14"/>
        <source>Portfolio Tracker</source>
        <translation>Portfolio Tracker</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>&amp;Portfolios</source>
        <translation>&amp;Portfolios</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>&amp;Holdings</source>
        <translation>Pos&amp;itionen</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>&amp;Transactions</source>
        <translation>Bu&amp;chungen</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Transaction</source>
        <translation>B&amp;uchung</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Assets</source>
        <translation>A&amp;nlagen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Main Toolbar</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Jobs</source>
        <translation>Aufgaben</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Alerts</source>
        <translation>Warnungen</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>New &amp;Portfolio…</source>
        <translation>Neues &amp;Portfolio…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Create a portfolio</source>
        <translation>Ein Portfolio anlegen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ctrl+Shift+N</source>
        <translation>Ctrl+Shift+N</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;New Transaction…</source>
        <translation>&amp;Neue Buchung…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add a transaction to the selected portfolio (Ctrl+N)</source>
        <translation>Dem gewählten Portfolio eine Buchung hinzufügen (Strg+N)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ctrl+N</source>
        <translation>Ctrl+N</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Edit Transaction…</source>
        <translation>Buchung &amp;bearbeiten…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Edit</source>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Edit the selected transaction (Enter or double-click)</source>
        <translation>Die gewählte Buchung bearbeiten (Eingabetaste oder Doppelklick)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Delete Transaction</source>
        <translation>Buchung &amp;löschen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete the selected transaction (Del)</source>
        <translation>Die gewählte Buchung löschen (Entf)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Add Asset…</source>
        <translation>Anlage &amp;hinzufügen…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Find an asset in the catalog or at the providers and add it (Ctrl+F)</source>
        <translation>Eine Anlage im Katalog oder bei den Anbietern suchen und hinzufügen (Strg+F)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ctrl+F</source>
        <translation>Ctrl+F</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Refresh Prices</source>
        <translation>Kurse &amp;aktualisieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fetch the latest prices of the tracked assets (F5)</source>
        <translation>Die neuesten Kurse der verfolgten Anlagen abrufen (F5)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>F5</source>
        <translation>F5</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;About Portfolio Tracker</source>
        <translation>&amp;Über Portfolio Tracker</translation>
    </message>
</context>
<context>
    <name>PasswordPrompt</name>
    <message>
        <location filename="../ui/passwordprompt.ui" line="+14"/>
        <source>Store Password</source>
        <translation>Datenbankpasswort</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>&amp;Remember the password in the keychain</source>
        <translation>Passwort im Schlüsselbund &amp;merken</translation>
    </message>
</context>
<context>
    <name>PortfolioDialog</name>
    <message>
        <location filename="../ui/portfoliodialog.ui" line="+14"/>
        <source>New Portfolio</source>
        <translation>Neues Portfolio</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>e.g. Retirement</source>
        <translation>z. B. Altersvorsorge</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Base currency:</source>
        <translation>&amp;Basiswährung:</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The currency the portfolio is valued in. Amounts in other currencies are converted with the ECB&apos;s reference rate of each day.</source>
        <translation>Die Währung, in der das Portfolio bewertet wird. Beträge in anderen Währungen werden mit dem Referenzkurs der EZB des jeweiligen Tages umgerechnet.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Cost basis:</source>
        <translation>&amp;Einstandswert:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>How a sale&apos;s cost is found: FIFO sells the oldest units first; average cost spreads the cost evenly over all units held.</source>
        <translation>Wie der Einstandswert eines Verkaufs ermittelt wird: FIFO verkauft die ältesten Stücke zuerst; die Durchschnittsmethode verteilt die Kosten gleichmäßig auf alle gehaltenen Stücke.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../ui/settingsdialog.ui" line="+14"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Store</source>
        <translation>&amp;Datenbank</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Store &amp;kind:</source>
        <translation>Datenbank&amp;art:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Where your portfolios, entries and market data are kept.</source>
        <translation>Wo Ihre Portfolios, Buchungen und Marktdaten gespeichert werden.</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Store &amp;file:</source>
        <translation>Datenbankdat&amp;ei:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The SQLite file that holds your portfolios, entries and market data.</source>
        <translation>Die SQLite-Datei mit Ihren Portfolios, Buchungen und Marktdaten.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Browse…</source>
        <translation>D&amp;urchsuchen…</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>&amp;Host:</source>
        <translation>&amp;Host:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The PostgreSQL server&apos;s host name or address.</source>
        <translation>Hostname oder Adresse des PostgreSQL-Servers.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>P&amp;ort:</source>
        <translation>P&amp;ort:</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>&amp;Database:</source>
        <translation>Datenban&amp;k:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The database on the server (it must exist; the tables are created in it).</source>
        <translation>Die Datenbank auf dem Server (sie muss existieren; die Tabellen werden darin angelegt).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;User:</source>
        <translation>Be&amp;nutzer:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The PostgreSQL role to connect as.</source>
        <translation>Die PostgreSQL-Rolle, mit der verbunden wird.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;TLS:</source>
        <translation>TL&amp;S:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Whether the connection is encrypted and the server&apos;s certificate checked (libpq&apos;s sslmode).</source>
        <translation>Ob die Verbindung verschlüsselt und das Zertifikat des Servers geprüft wird (sslmode von libpq).</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Pass&amp;word:</source>
        <translation>Pass&amp;wort:</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Kept in your system&apos;s keychain, never in the settings file. Leave it empty to keep the stored one.</source>
        <translation>Wird im Schlüsselbund Ihres Systems gespeichert, nie in der Einstellungsdatei. Leer lassen, um das gespeicherte zu behalten.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Test &amp;Connection</source>
        <translation>&amp;Verbindung testen</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Where no keychain is available, keep passwords in an unencrypted fi&amp;le</source>
        <translation>Ohne verfügbaren Schlüsselbund Passwörter in einer unverschlüsselten Datei s&amp;peichern</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>A different store is opened at the next start. An empty SQLite file means the default store. The --db command-line option overrides this setting.</source>
        <translation>Eine andere Datenbank wird beim nächsten Start geöffnet. Eine leere SQLite-Datei bedeutet die Standarddatenbank. Die Befehlszeilenoption --db hat Vorrang vor dieser Einstellung.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>&amp;Market data</source>
        <translation>&amp;Marktdaten</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Yahoo c&amp;hart:</source>
        <translation>Yahoo-C&amp;hart:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Yahoo Finance: price history, dividends, splits and search.</source>
        <translation>Yahoo Finance: Kurshistorie, Dividenden, Splits und Suche.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Yahoo &amp;quote:</source>
        <translation>Yahoo-&amp;Kurse:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Yahoo Finance: latest quotes and the crumb.</source>
        <translation>Yahoo Finance: aktuelle Kurse und das Crumb-Token.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Yahoo coo&amp;kie:</source>
        <translation>Yahoo-C&amp;ookie:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Yahoo Finance: the page that sets the session cookie.</source>
        <translation>Yahoo Finance: die Seite, die das Sitzungs-Cookie setzt.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Coin&amp;Gecko:</source>
        <translation>Coin&amp;Gecko:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>CoinGecko API: crypto-currency prices.</source>
        <translation>CoinGecko-API: Kurse von Kryptowährungen.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Bi&amp;nance:</source>
        <translation>Bi&amp;nance:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Binance API: crypto-currency daily candles.</source>
        <translation>Binance-API: Tageskerzen von Kryptowährungen.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;ECB:</source>
        <translation>&amp;EZB:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>European Central Bank: the daily euro reference exchange rates.</source>
        <translation>Europäische Zentralbank: die täglichen Euro-Referenzkurse.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Refresh every:</source>
        <translation>Aktualisie&amp;ren alle:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>How often the latest prices of tracked assets are fetched while the app runs.</source>
        <translation>Wie oft die neuesten Kurse der verfolgten Anlagen abgerufen werden, solange die App läuft.</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Restore &amp;Defaults</source>
        <translation>&amp;Standard wiederherstellen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Puts back the providers&apos; real addresses and the 15-minute refresh.</source>
        <translation>Stellt die echten Adressen der Anbieter und die Aktualisierung alle 15 Minuten wieder her.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Valuation</source>
        <translation>&amp;Bewertung</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Total currency:</source>
        <translation>&amp;Gesamtwährung:</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The currency of the total over all portfolios.</source>
        <translation>Die Währung der Summe über alle Portfolios.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Daily c&amp;lose:</source>
        <translation>Tagesschl&amp;uss:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>HH:mm</source>
        <comment>time format shown as a hint</comment>
        <translation>HH:mm</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>From this local time on, the day&apos;s valuation snapshot counts as its close (24-hour clock, e.g. 22:00).</source>
        <translation>Ab dieser Ortszeit gilt die Bewertung des Tages als sein Schlusswert (24-Stunden-Format, z. B. 22:00).</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>&amp;Risk-free rate:</source>
        <translation>&amp;Risikofreier Zins:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The annual return of a riskless investment, for the Sharpe ratio.</source>
        <translation>Die jährliche Rendite einer risikolosen Anlage, für die Sharpe-Ratio.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Stale a&amp;fter:</source>
        <translation>Veraltet &amp;nach:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>A day whose price or exchange rate is older than this is marked stale.</source>
        <translation>Ein Tag, dessen Kurs oder Wechselkurs älter ist, wird als veraltet markiert.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>&amp;Appearance</source>
        <translation>Dars&amp;tellung</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>T&amp;heme:</source>
        <translation>&amp;Farbschema:</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>A new language is used from the next start; a new theme at once. System follows the light or dark mode of your desktop.</source>
        <translation>Eine neue Sprache gilt ab dem nächsten Start, ein neues Farbschema sofort. „System“ folgt dem hellen oder dunklen Modus Ihres Desktops.</translation>
    </message>
</context>
<context>
    <name>TransactionCommand</name>
    <message>
        <source>Add %1 of %2</source>
        <translation type="vanished">%1 vom %2 hinzufügen</translation>
    </message>
    <message>
        <source>Edit %1 of %2</source>
        <translation type="vanished">%1 vom %2 bearbeiten</translation>
    </message>
    <message>
        <source>Delete %1 of %2</source>
        <translation type="vanished">%1 vom %2 löschen</translation>
    </message>
    <message>
        <location filename="../src/gui/transactioncommands.cpp" line="+48"/>
        <source>Add entry: %1, %2</source>
        <translation>Buchung hinzufügen: %1, %2</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Edit entry: %1, %2</source>
        <translation>Buchung bearbeiten: %1, %2</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Delete entry: %1, %2</source>
        <translation>Buchung löschen: %1, %2</translation>
    </message>
</context>
<context>
    <name>TransactionDialog</name>
    <message>
        <location filename="../ui/transactiondialog.ui" line="+14"/>
        <source>New Transaction</source>
        <translation>Neue Buchung</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Type:</source>
        <translation>&amp;Art:</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&amp;Date:</source>
        <translation>&amp;Datum:</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>&amp;Asset:</source>
        <translation>A&amp;nlage:</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>T&amp;o portfolio:</source>
        <translation>In &amp;Portfolio:</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&amp;Quantity:</source>
        <translation>&amp;Stückzahl:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Number of units</source>
        <translation>Anzahl der Stücke</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Price:</source>
        <translation>&amp;Kurs:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Per unit, in the asset&apos;s currency</source>
        <translation>Je Stück, in der Währung der Anlage</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A&amp;mount:</source>
        <translation>&amp;Betrag:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Total amount</source>
        <translation>Gesamtbetrag</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Fee:</source>
        <translation>&amp;Gebühr:</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+72"/>
        <source>Optional</source>
        <translation>Optional</translation>
    </message>
    <message>
        <location line="-65"/>
        <source>&amp;Split ratio:</source>
        <translation>Sp&amp;litverhältnis:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>New units</source>
        <translation>Neue Stücke</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>for</source>
        <comment>split ratio: new units for old units</comment>
        <translation>für</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Old units</source>
        <translation>Alte Stücke</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>C&amp;urrency:</source>
        <translation>&amp;Währung:</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>&amp;Note:</source>
        <translation>Noti&amp;z:</translation>
    </message>
</context>
<context>
    <name>pt::gui::AlertNotifier</name>
    <message>
        <location filename="../src/gui/alertnotifier.cpp" line="+54"/>
        <source>Portfolio alert</source>
        <translation>Portfolio-Warnung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 portfolio alerts</source>
        <translation>%1 Portfolio-Warnungen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: %2 and more; see View ▸ Alerts</source>
        <translation>%1: %2 und weitere; siehe Ansicht ▸ Warnungen</translation>
    </message>
</context>
<context>
    <name>pt::gui::AlertsModel</name>
    <message>
        <location filename="../src/gui/alertsmodel.cpp" line="+126"/>
        <source>(deleted portfolio)</source>
        <translation>(gelöschtes Portfolio)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(unknown asset)</source>
        <translation>(unbekannte Anlage)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 is at %2 against its cost basis, at or below the loss alert of %3</source>
        <translation>%1 steht bei %2 gegenüber dem Einstandswert, auf oder unter der Verlustschwelle von %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 is at %2 against its cost basis, at or above the gain alert of %3</source>
        <translation>%1 steht bei %2 gegenüber dem Einstandswert, auf oder über der Gewinnschwelle von %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 closed at %2 on %3, at or above %4</source>
        <translation>%1 schloss am %3 bei %2, auf oder über %4</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 closed at %2 on %3, at or below %4</source>
        <translation>%1 schloss am %3 bei %2, auf oder unter %4</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Portfolio or asset</source>
        <translation>Portfolio oder Anlage</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Alert</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Observed</source>
        <translation>Beobachtet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Threshold</source>
        <translation>Schwelle</translation>
    </message>
</context>
<context>
    <name>pt::gui::AlertsView</name>
    <message>
        <location filename="../src/gui/alertsview.cpp" line="+24"/>
        <source>Mark all &amp;read</source>
        <translation>Alle als &amp;gelesen markieren</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Mark every alert in the log as read</source>
        <translation>Alle Warnungen im Protokoll als gelesen markieren</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>No alerts yet. Portfolios alert at a 5 % loss or a 10 % gain against their cost basis unless set otherwise (&apos;portfolio-cli alerts thresholds&apos;).</source>
        <translation>Noch keine Warnungen. Portfolios warnen bei 5 % Verlust oder 10 % Gewinn gegenüber dem Einstandswert, sofern nicht anders eingestellt (&apos;portfolio-cli alerts thresholds&apos;).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>1 unread alert</source>
        <translation>1 ungelesene Warnung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 unread alerts</source>
        <translation>%1 ungelesene Warnungen</translation>
    </message>
</context>
<context>
    <name>pt::gui::AssetDetailView</name>
    <message>
        <location filename="../src/gui/assetdetailview.cpp" line="+72"/>
        <source>Buy %1 at %2 %3</source>
        <translation>Kauf %1 zu %2 %3</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sell %1 at %2 %3</source>
        <translation>Verkauf %1 zu %2 %3</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>—</source>
        <comment>no value</comment>
        <translation>—</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The asset could not be loaded: %1</source>
        <translation>Die Anlage konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 — %2</source>
        <comment>symbol, name</comment>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>There are no prices for %1 yet.</source>
        <translation>Für %1 gibt es noch keine Kurse.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 %2</source>
        <comment>a price and its currency</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>At the close of %1: %2 %3</source>
        <translation>Schlusskurs vom %1: %2 %3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 (%2)</source>
        <comment>an amount and its percentage</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No price yet</source>
        <translation>Noch kein Kurs</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not held in this portfolio.</source>
        <translation>In diesem Portfolio nicht im Bestand.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 – %2</source>
        <comment>a range of days</comment>
        <translation>%1 – %2</translation>
    </message>
</context>
<context>
    <name>pt::gui::AssetSearchDialog</name>
    <message>
        <location filename="../src/gui/assetsearchdialog.cpp" line="+59"/>
        <location line="+231"/>
        <source>&amp;Add to Catalog</source>
        <translation>Zum Katalog &amp;hinzufügen</translation>
    </message>
    <message>
        <location line="-227"/>
        <location line="+227"/>
        <source>&amp;Select</source>
        <translation>&amp;Auswählen</translation>
    </message>
    <message>
        <location line="-53"/>
        <source>Adding to the catalog…</source>
        <translation>Wird dem Katalog hinzugefügt…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type a symbol or a name. The catalog is searched as you type, the providers when you pause.</source>
        <translation>Geben Sie ein Symbol oder einen Namen ein. Der Katalog wird während der Eingabe durchsucht, die Anbieter, sobald Sie innehalten.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reading the catalog…</source>
        <translation>Katalog wird gelesen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The catalog could not be read: %1</source>
        <translation>Der Katalog konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Matches in the catalog: %1.</source>
        <translation>Treffer im Katalog: %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Provider search is not available.</source>
        <translation>Die Suche bei den Anbietern ist nicht verfügbar.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Searching %1…</source>
        <translation>%1 wird durchsucht…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The last request found no network; asking %1 again…</source>
        <translation>Bei der letzten Anfrage war kein Netzwerk erreichbar; %1 wird erneut gefragt…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Offline: the providers could not be reached, so only the catalog was searched.</source>
        <translation>Offline: Die Anbieter waren nicht erreichbar, daher wurde nur der Katalog durchsucht.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Results from the providers: %1.</source>
        <translation>Ergebnisse der Anbieter: %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 failed: %2</source>
        <comment>&lt;provider&gt; failed: &lt;reason&gt;</comment>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1: %2</source>
        <comment>&lt;provider&gt;: &lt;error&gt;</comment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>look up</source>
        <translation>nachschlagen</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>“%1” is not a currency code such as EUR or USD.</source>
        <translation>„%1“ ist kein Währungscode wie EUR oder USD.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Enter the currency %1 trades in.</source>
        <translation>Geben Sie die Währung ein, in der %1 gehandelt wird.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1 did not say.</source>
        <translation>%1 hat keine Angabe gemacht.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The currency of %1 is not known (%2) Enter it and add again.</source>
        <translation>Die Währung von %1 ist nicht bekannt (%2) Geben Sie sie ein und fügen Sie die Anlage erneut hinzu.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Not added: %1</source>
        <translation>Nicht hinzugefügt: %1</translation>
    </message>
</context>
<context>
    <name>pt::gui::ConnectionIndicator</name>
    <message>
        <location filename="../src/gui/connectionindicator.cpp" line="+70"/>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The market-data providers answered the last request.</source>
        <translation>Die Marktdatenanbieter haben die letzte Anfrage beantwortet.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The market-data providers could not be reached. Prices are shown from the store; jobs retry later.</source>
        <translation>Die Marktdatenanbieter waren nicht erreichbar. Die Kurse stammen aus der Datenbank; Aufgaben werden später wiederholt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Last refresh: never</source>
        <translation>Letzte Aktualisierung: nie</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Last refresh: %1</source>
        <translation>Letzte Aktualisierung: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Latest prices fetched %1</source>
        <translation>Neueste Kurse abgerufen: %1</translation>
    </message>
</context>
<context>
    <name>pt::gui::DashboardView</name>
    <message>
        <location filename="../src/gui/dashboardview.cpp" line="+37"/>
        <source>Cash</source>
        <translation>Barbestand</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stocks</source>
        <translation>Aktien</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ETFs</source>
        <translation>ETFs</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Funds</source>
        <translation>Fonds</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bonds</source>
        <translation>Anleihen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Crypto</source>
        <translation>Krypto</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Commodities</source>
        <translation>Rohstoffe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Currencies</source>
        <translation>Währungen</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Market value</source>
        <translation>Marktwert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Invested capital</source>
        <translation>Investiertes Kapital</translation>
    </message>
    <message>
        <location line="+60"/>
        <location line="+87"/>
        <location line="+12"/>
        <source>Valuing…</source>
        <translation>Bewertung läuft…</translation>
    </message>
    <message>
        <location line="-90"/>
        <location line="+80"/>
        <source>The portfolio could not be valued: %1</source>
        <translation>Das Portfolio konnte nicht bewertet werden: %1</translation>
    </message>
    <message>
        <location line="-66"/>
        <source>%1 %2</source>
        <comment>an amount and its currency</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 %</source>
        <comment>a percentage</comment>
        <translation>%1 %</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>There are no entries yet.
Add a deposit and your first transactions, and their value over time appears here.</source>
        <translation>Es gibt noch keine Buchungen.
Erfassen Sie eine Einlage und Ihre ersten Buchungen, dann erscheint hier ihr Wertverlauf.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>This portfolio has no entries yet.</source>
        <translation>Dieses Portfolio hat noch keine Buchungen.</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>%1 – %2</source>
        <comment>a range of days</comment>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 · as last stored, valuing again…</source>
        <comment>a range of days, then a note</comment>
        <translation>%1 · zuletzt gespeichert, wird neu bewertet…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>On %1</source>
        <translation>Am %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (%2)</source>
        <comment>an amount and its percentage</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Start value: %1
End value: %2
Net deposits: %3
Simple return: %4</source>
        <translation>Anfangswert: %1
Endwert: %2
Nettoeinlagen: %3
Einfache Rendite: %4</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+7"/>
        <source>%1 p.a.</source>
        <comment>per year</comment>
        <translation>%1 p. a.</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Annualised: the range is longer than a year.</source>
        <translation>Annualisiert: Der Zeitraum ist länger als ein Jahr.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Over the range, not annualised.</source>
        <translation>Über den Zeitraum, nicht annualisiert.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The annual rate at which the range&apos;s deposits, withdrawals and values balance out (XIRR).</source>
        <translation>Der jährliche Zinssatz, bei dem sich Einlagen, Entnahmen und Werte des Zeitraums ausgleichen (interner Zinsfuß, XIRR).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>—</source>
        <comment>no value</comment>
        <translation>—</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No money-weighted return: no rate balances this range&apos;s deposits, withdrawals and values (for example, all flows of one sign, or too short a range).</source>
        <translation>Keine kapitalgewichtete Rendite: Kein Zinssatz gleicht Einlagen, Entnahmen und Werte dieses Zeitraums aus (zum Beispiel, wenn alle Zahlungen dasselbe Vorzeichen haben oder der Zeitraum zu kurz ist).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>From the peak on %1 to the trough on %2.</source>
        <translation>Vom Höchststand am %1 bis zum Tiefststand am %2.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No fall from a peak in this range.</source>
        <translation>Kein Rückgang von einem Höchststand in diesem Zeitraum.</translation>
    </message>
    <message numerus="yes">
        <location line="+172"/>
        <source>%1 and %n more</source>
        <comment>missing prices</comment>
        <translation>
            <numerusform>%1 und %n weiterer</numerusform>
            <numerusform>%1 und %n weitere</numerusform>
        </translation>
    </message>
    <message>
        <location line="-166"/>
        <source>Some prices or exchange rates are missing: %1.</source>
        <translation>Einige Kurse oder Wechselkurse fehlen: %1.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n day(s) of this range leave out what has no price or rate yet.</source>
        <translation>
            <numerusform>An %n Tag dieses Zeitraums fehlt, was noch keinen Kurs oder Wechselkurs hat.</numerusform>
            <numerusform>An %n Tagen dieses Zeitraums fehlt, was noch keinen Kurs oder Wechselkurs hat.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The latest value uses prices or exchange rates older than %1 days.</source>
        <translation>Der neueste Wert verwendet Kurse oder Wechselkurse, die älter als %1 Tage sind.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n day(s) of this range use prices or exchange rates older than %1 days.</source>
        <translation>
            <numerusform>%n Tag dieses Zeitraums verwendet Kurse oder Wechselkurse, die älter als %1 Tage sind.</numerusform>
            <numerusform>%n Tage dieses Zeitraums verwenden Kurse oder Wechselkurse, die älter als %1 Tage sind.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The latest valuation failed, these figures are older: %1</source>
        <translation>Die letzte Bewertung ist fehlgeschlagen, diese Zahlen sind älter: %1</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>The %1 holdings with the largest gains or losses of %2.</source>
        <translation>Die %1 Positionen mit den größten Gewinnen oder Verlusten von %2.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Realized: %1
Unrealized change: %2
Income: %3</source>
        <translation>Realisiert: %1
Nicht realisierte Veränderung: %2
Erträge: %3</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Incomplete: %1.</source>
        <translation>Unvollständig: %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No holdings in this range.</source>
        <translation>Keine Positionen in diesem Zeitraum.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The gains per holding could not be computed: %1</source>
        <translation>Die Gewinne je Position konnten nicht berechnet werden: %1</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1 %2 (%3)</source>
        <comment>name, amount, percentage</comment>
        <translation>%1 %2 (%3)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not drawn, being negative: %1.</source>
        <translation>Nicht dargestellt, da negativ: %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Left out, without a price or rate: %1.</source>
        <translation>Ausgelassen, ohne Kurs oder Wechselkurs: %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing is held on %1.</source>
        <translation>Am %1 ist nichts im Bestand.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The allocation could not be computed: %1</source>
        <translation>Die Aufteilung konnte nicht berechnet werden: %1</translation>
    </message>
</context>
<context>
    <name>pt::gui::DisplayText</name>
    <message>
        <location filename="../src/gui/displaytext.cpp" line="+77"/>
        <source>Buy</source>
        <translation>Kauf</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sell</source>
        <translation>Verkauf</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dividend</source>
        <translation>Dividende</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Interest</source>
        <translation>Zinsen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fee</source>
        <translation>Gebühr</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tax</source>
        <translation>Steuer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Split</source>
        <translation>Split</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deposit</source>
        <translation>Einlage</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Withdrawal</source>
        <translation>Entnahme</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Transfer</source>
        <translation>Übertrag</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>FIFO</source>
        <translation>FIFO</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Average cost</source>
        <translation>Durchschnittsmethode</translation>
    </message>
</context>
<context>
    <name>pt::gui::HoldingsModel</name>
    <message>
        <location filename="../src/gui/holdingsmodel.cpp" line="+180"/>
        <source>#%1</source>
        <comment>an asset missing from the catalog, by its id</comment>
        <translation>#%1</translation>
    </message>
    <message>
        <location line="+125"/>
        <location filename="../src/gui/mainwindow.cpp" line="+129"/>
        <source>%1 (stale)</source>
        <comment>a price date older than the staleness limit</comment>
        <translation>%1 (veraltet)</translation>
    </message>
    <message>
        <location line="+11"/>
        <location filename="../src/gui/mainwindow.cpp" line="-4"/>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>This price is %n day(s) old: newer prices have not been fetched.</source>
        <translation>
            <numerusform>Dieser Kurs ist %n Tag alt: Neuere Kurse wurden noch nicht abgerufen.</numerusform>
            <numerusform>Dieser Kurs ist %n Tage alt: Neuere Kurse wurden noch nicht abgerufen.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No exchange rate into %1 yet</source>
        <translation>Noch kein Wechselkurs in %1</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Symbol</source>
        <translation>Symbol</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quantity</source>
        <translation>Stückzahl</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last price</source>
        <translation>Letzter Kurs</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Price date</source>
        <translation>Kursdatum</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Gain</source>
        <comment>unrealized gain of a holding</comment>
        <translation>Gewinn</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Gain %</source>
        <translation>Gewinn %</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Weight</source>
        <translation>Anteil</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Avg. cost</source>
        <comment>average cost per unit</comment>
        <translation>Ø Einstandskurs</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cost basis</source>
        <translation>Einstandswert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Realized gain</source>
        <translation>Realisierter Gewinn</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Income</source>
        <comment>dividends and interest</comment>
        <translation>Erträge</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Currency</source>
        <translation>Währung</translation>
    </message>
</context>
<context>
    <name>pt::gui::ImportConfirmPage</name>
    <message>
        <location filename="../src/gui/importwizardpages.cpp" line="+577"/>
        <source>Check the Whole File</source>
        <translation>Die ganze Datei prüfen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every row is read and checked; rows the portfolio already has are skipped. The import writes all new rows or none.</source>
        <translation>Jede Zeile wird gelesen und geprüft; Zeilen, die das Portfolio schon hat, werden übersprungen. Der Import schreibt alle neuen Zeilen oder keine.</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Reading %1…</source>
        <translation>%1 wird gelesen…</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>The file cannot be imported: %1</source>
        <translation>Die Datei kann nicht importiert werden: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rows: %1
New: %2
Already present: %3
With errors: %4</source>
        <translation>Zeilen: %1
Neu: %2
Bereits vorhanden: %3
Mit Fehlern: %4</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nothing can be imported while rows have errors: correct the file, or go back and change how it is read.</source>
        <translation>Solange Zeilen Fehler haben, kann nichts importiert werden: Korrigieren Sie die Datei, oder gehen Sie zurück und ändern Sie, wie sie gelesen wird.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>The first %1 of %n errors are listed.</source>
        <translation>
            <numerusform>Die ersten %1 von %n Fehler werden angezeigt.</numerusform>
            <numerusform>Die ersten %1 von %n Fehlern werden angezeigt.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing to import: the portfolio already has every row of this file.</source>
        <translation>Nichts zu importieren: Das Portfolio hat bereits jede Zeile dieser Datei.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Ready to import %n new transaction(s) into %1. Rows already present are skipped.</source>
        <translation>
            <numerusform>Bereit, %n neue Buchung in %1 zu importieren. Bereits vorhandene Zeilen werden übersprungen.</numerusform>
            <numerusform>Bereit, %n neue Buchungen in %1 zu importieren. Bereits vorhandene Zeilen werden übersprungen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pt::gui::ImportFilePage</name>
    <message>
        <location line="-553"/>
        <source>Choose a File</source>
        <translation>Datei wählen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A CSV file of transactions, as a bank or broker exports it, or as Portfolio Tracker exports it. Nothing is written until you confirm the import.</source>
        <translation>Eine CSV-Datei mit Buchungen, wie eine Bank oder ein Broker sie exportiert oder wie Portfolio Tracker sie exportiert. Nichts wird geschrieben, bevor Sie den Import bestätigen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The transactions are imported into the portfolio &lt;b&gt;%1&lt;/b&gt;.</source>
        <translation>Die Buchungen werden in das Portfolio &lt;b&gt;%1&lt;/b&gt; importiert.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;File:</source>
        <translation>&amp;Datei:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Browse…</source>
        <translation>D&amp;urchsuchen…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>There is no readable file at this path.</source>
        <translation>Unter diesem Pfad gibt es keine lesbare Datei.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Import Transactions</source>
        <translation>Buchungen importieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>CSV-Dateien (*.csv *.txt);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>pt::gui::ImportIssuesModel</name>
    <message>
        <location filename="../src/gui/importwizardmodels.cpp" line="+264"/>
        <source>Row</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Column</source>
        <translation>Spalte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
</context>
<context>
    <name>pt::gui::ImportMappingPage</name>
    <message>
        <location filename="../src/gui/importwizardpages.cpp" line="-141"/>
        <source>&amp;Date:</source>
        <translation>&amp;Datum:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Type:</source>
        <translation>&amp;Art:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Symbol:</source>
        <translation>&amp;Symbol:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;ISIN:</source>
        <translation>&amp;ISIN:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Asset &amp;name:</source>
        <translation>Anlage&amp;name:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Quantity:</source>
        <translation>S&amp;tückzahl:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Price:</source>
        <translation>&amp;Kurs:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Amount:</source>
        <translation>&amp;Betrag:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Fee:</source>
        <translation>&amp;Gebühr:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>C&amp;urrency:</source>
        <translation>&amp;Währung:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sp&amp;lit ratio:</source>
        <translation>Sp&amp;litverhältnis:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>N&amp;ote:</source>
        <translation>Noti&amp;z:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Portfolio Tracker export (generic)</source>
        <translation>Export von Portfolio Tracker (generisch)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>German broker (semicolon, dd.MM.yyyy, 1.234,56)</source>
        <translation>Deutscher Broker (Semikolon, dd.MM.yyyy, 1.234,56)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>US broker (comma, MM/dd/yyyy, 1,234.56)</source>
        <translation>US-Broker (Komma, MM/dd/yyyy, 1,234.56)</translation>
    </message>
    <message>
        <location line="+119"/>
        <source>Describe the File</source>
        <translation>Die Datei beschreiben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start from the layout closest to your file, then say which column holds what and how dates and numbers are written. The preview shows the first rows as they would be imported; rows with errors are highlighted.</source>
        <translation>Beginnen Sie mit der Vorlage, die Ihrer Datei am nächsten kommt, und geben Sie dann an, welche Spalte was enthält und wie Datumsangaben und Zahlen geschrieben sind. Die Vorschau zeigt die ersten Zeilen so, wie sie importiert würden; Zeilen mit Fehlern sind hervorgehoben.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>&amp;Layout:</source>
        <translation>V&amp;orlage:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Detect</source>
        <translation>Erkennen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Comma ( , )</source>
        <translation>Komma ( , )</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Semicolon ( ; )</source>
        <translation>Semikolon ( ; )</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tab</source>
        <translation>Tabulator</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vertical bar ( | )</source>
        <translation>Senkrechter Strich ( | )</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deli&amp;miter:</source>
        <translation>T&amp;rennzeichen:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>yyyy: year, MM: month, dd: day, in the order and with the separators of the file, e.g. dd.MM.yyyy</source>
        <translation>yyyy: Jahr, MM: Monat, dd: Tag, in der Reihenfolge und mit den Trennzeichen der Datei, z. B. dd.MM.yyyy</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Date &amp;format:</source>
        <translation>Datums&amp;format:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Point ( 1234.56 )</source>
        <translation>Punkt ( 1234.56 )</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Comma ( 1234,56 )</source>
        <translation>Komma ( 1234,56 )</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decimal &amp;separator:</source>
        <translation>Dezi&amp;malzeichen:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>None</source>
        <translation>Keines</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Comma ( 1,234 )</source>
        <translation>Komma ( 1,234 )</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Point ( 1.234 )</source>
        <translation>Punkt ( 1.234 )</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Space ( 1 234 )</source>
        <translation>Leerzeichen ( 1 234 )</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apostrophe ( 1&apos;234 )</source>
        <translation>Apostroph ( 1&apos;234 )</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>T&amp;housands separator:</source>
        <translation>Ta&amp;usendertrennzeichen:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Layout and formats</source>
        <translation>Vorlage und Formate</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Columns</source>
        <translation>Spalten</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+6"/>
        <source>Word in the file</source>
        <translation>Wort in der Datei</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Means</source>
        <translation>Bedeutet</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The words of the file&apos;s type column, and the kind of transaction each stands for.</source>
        <translation>Die Wörter in der Spalte für die Art und die Buchungsart, für die jedes steht.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Type words</source>
        <translation>Wörter für die Art</translation>
    </message>
    <message>
        <location line="+160"/>
        <source>Reading the first rows…</source>
        <translation>Die ersten Zeilen werden gelesen…</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The file cannot be read: %1</source>
        <translation>Die Datei kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The file cannot be imported this way: %1</source>
        <translation>So kann die Datei nicht importiert werden: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>First rows: %1 read, %2 new, %3 already present, %4 with errors.</source>
        <translation>Erste Zeilen: %1 gelesen, %2 neu, %3 bereits vorhanden, %4 mit Fehlern.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The next step reads the whole file.</source>
        <translation>Der nächste Schritt liest die ganze Datei.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>(not read)</source>
        <translation>(nicht gelesen)</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>(unknown: choose)</source>
        <translation>(unbekannt: bitte wählen)</translation>
    </message>
</context>
<context>
    <name>pt::gui::ImportPreviewModel</name>
    <message>
        <location filename="../src/gui/importwizardmodels.cpp" line="-117"/>
        <source>Error</source>
        <comment>import row status</comment>
        <translation>Fehler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Already present</source>
        <comment>import row status</comment>
        <translation>Bereits vorhanden</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New</source>
        <comment>import row status</comment>
        <translation>Neu</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The portfolio already has this entry: it is skipped.</source>
        <translation>Das Portfolio hat diese Buchung bereits: Sie wird übersprungen.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Row</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type</source>
        <translation>Art</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Asset</source>
        <translation>Anlage</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quantity</source>
        <translation>Stückzahl</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Price</source>
        <translation>Kurs</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fee</source>
        <translation>Gebühr</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Currency</source>
        <translation>Währung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
</context>
<context>
    <name>pt::gui::ImportResultPage</name>
    <message>
        <location filename="../src/gui/importwizardpages.cpp" line="+144"/>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Checking the books and writing the transactions…</source>
        <translation>Die Bücher werden geprüft und die Buchungen geschrieben…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nothing was imported.</source>
        <translation>Es wurde nichts importiert.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Nothing was imported: %1</source>
        <translation>Es wurde nichts importiert: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>Imported %n transaction(s) into %1.</source>
        <translation>
            <numerusform>%n Buchung in %1 importiert.</numerusform>
            <numerusform>%n Buchungen in %1 importiert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n row(s) of the file were already present.</source>
        <translation>
            <numerusform>%n Zeile der Datei war bereits vorhanden.</numerusform>
            <numerusform>%n Zeilen der Datei waren bereits vorhanden.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pt::gui::ImportWizard</name>
    <message>
        <location filename="../src/gui/importwizard.cpp" line="+15"/>
        <source>Import Transactions into %1</source>
        <translation>Buchungen in %1 importieren</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Import</source>
        <translation>&amp;Importieren</translation>
    </message>
</context>
<context>
    <name>pt::gui::JobsModel</name>
    <message>
        <location filename="../src/gui/jobsmodel.cpp" line="+204"/>
        <source>(unknown asset)</source>
        <translation>(unbekannte Anlage)</translation>
    </message>
    <message>
        <location line="+91"/>
        <source>Backfill</source>
        <comment>job that fetches an asset&apos;s price history</comment>
        <translation>Historie laden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refresh</source>
        <comment>job that fetches the latest prices</comment>
        <translation>Aktualisierung</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Pending</source>
        <comment>job state</comment>
        <translation>Wartend</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Running</source>
        <comment>job state</comment>
        <translation>Läuft</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Done</source>
        <comment>job state</comment>
        <translation>Erledigt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed</source>
        <comment>job state</comment>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+8"/>
        <location filename="../src/gui/jobsview.cpp" line="+54"/>
        <source>All tracked assets</source>
        <translation>Alle verfolgten Anlagen</translation>
    </message>
    <message>
        <location line="+17"/>
        <location filename="../src/gui/jobsview.cpp" line="+2"/>
        <source>%1 – %2</source>
        <comment>date range</comment>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../src/gui/jobsview.cpp" line="+1"/>
        <source>Waiting to retry</source>
        <translation>Wartet auf erneuten Versuch</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../src/gui/jobsview.cpp" line="+1"/>
        <source>%1 of %2</source>
        <comment>attempts made of the maximum</comment>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+2"/>
        <source>%1%</source>
        <comment>progress percent</comment>
        <translation>%1 %</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Last error: %1</source>
        <translation>Letzter Fehler: %1</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Job</source>
        <translation>Aufgabe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Asset</source>
        <translation>Anlage</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Source</source>
        <comment>market-data provider</comment>
        <translation>Quelle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Range</source>
        <comment>dates a backfill covers</comment>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <comment>job state</comment>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next attempt</source>
        <translation>Nächster Versuch</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
</context>
<context>
    <name>pt::gui::JobsView</name>
    <message>
        <location filename="../src/gui/jobsview.cpp" line="-20"/>
        <source>&amp;Retry</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Queue the selected failed job again</source>
        <translation>Die gewählte fehlgeschlagene Aufgabe erneut einreihen</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The jobs could not be read: %1</source>
        <translation>Die Aufgaben konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Jobs running: %1</source>
        <translation>Laufende Aufgaben: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No jobs running.</source>
        <translation>Keine Aufgaben laufen.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The job was not queued again: %1</source>
        <translation>Die Aufgabe wurde nicht erneut eingereiht: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The job was queued again.</source>
        <translation>Die Aufgabe wurde erneut eingereiht.</translation>
    </message>
</context>
<context>
    <name>pt::gui::MainWindow</name>
    <message>
        <location filename="../src/gui/mainwindow.cpp" line="-35"/>
        <source>Store: %1</source>
        <translation>Datenbank: %1</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Filter holdings by symbol, name or currency</source>
        <translation>Positionen nach Symbol, Name oder Währung filtern</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ctrl+Y</source>
        <comment>Edit|Redo</comment>
        <translation>Ctrl+Y</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ctrl+,</source>
        <comment>Edit|Settings</comment>
        <translation>Ctrl+,</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Edit Portfolio…</source>
        <translation>Portfolio be&amp;arbeiten…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Back Up…</source>
        <translation>&amp;Sichern…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy the whole store into a file, while the app keeps working</source>
        <translation>Die ganze Datenbank in eine Datei kopieren, während das Programm weiterläuft</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Restore…</source>
        <translation>&amp;Wiederherstellen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Replace the store with a backup; Portfolio Tracker restarts to do it</source>
        <translation>Die Datenbank durch eine Sicherung ersetzen; Portfolio Tracker startet dazu neu</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Import Transactions…</source>
        <translation>Buchungen &amp;importieren…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read transactions from a CSV file into the selected portfolio</source>
        <translation>Buchungen aus einer CSV-Datei in das gewählte Portfolio einlesen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove &amp;Sample Portfolio</source>
        <translation>Beispielportfolio ent&amp;fernen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Next Portfolio</source>
        <translation>&amp;Nächstes Portfolio</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ctrl+PgDown</source>
        <comment>View|Next Portfolio</comment>
        <translation>Ctrl+PgDown</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Previous Portfolio</source>
        <translation>&amp;Vorheriges Portfolio</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ctrl+PgUp</source>
        <comment>View|Previous Portfolio</comment>
        <translation>Ctrl+PgUp</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>&amp;Jobs</source>
        <translation>A&amp;ufgaben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show or hide the background jobs (Ctrl+J)</source>
        <translation>Hintergrundaufgaben ein- oder ausblenden (Strg+J)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+J</source>
        <comment>View|Jobs</comment>
        <translation>Ctrl+J</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>&amp;Alerts</source>
        <translation>&amp;Warnungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show or hide the alerts log (Ctrl+Shift+A)</source>
        <translation>Warnungsprotokoll ein- oder ausblenden (Strg+Umschalt+A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Shift+A</source>
        <comment>View|Alerts</comment>
        <translation>Ctrl+Shift+A</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Alerts (%1)</source>
        <translation>Warnungen (%1)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Alerts</source>
        <translation>Warnungen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Select the portfolio to import into.</source>
        <translation>Wählen Sie das Portfolio, in das importiert werden soll.</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Imported %n transaction(s).</source>
        <translation>
            <numerusform>%n Buchung importiert.</numerusform>
            <numerusform>%n Buchungen importiert.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Jobs running: %1</source>
        <translation>Laufende Aufgaben: %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 is in the catalog.</source>
        <translation>%1 ist im Katalog.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is in the catalog; its prices come from %2.</source>
        <translation>%1 ist im Katalog; die Kurse kommen von %2.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>The refresh was not queued: %1</source>
        <translation>Die Aktualisierung wurde nicht eingereiht: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No tracked assets to refresh. An asset is tracked once a transaction brings it into a portfolio.</source>
        <translation>Keine verfolgten Anlagen zu aktualisieren. Eine Anlage wird verfolgt, sobald eine Buchung sie in ein Portfolio bringt.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Refreshing prices from %1…</source>
        <translation>Kurse werden von %1 aktualisiert…</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>The portfolios could not be read: %1</source>
        <translation>Die Portfolios konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>The transactions could not be read: %1</source>
        <translation>Die Buchungen konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>The holdings could not be derived: %1</source>
        <translation>Die Positionen konnten nicht ermittelt werden: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>No portfolios yet. Create one with File ▸ New Portfolio…</source>
        <translation>Noch keine Portfolios. Legen Sie eines an mit Datei ▸ Neues Portfolio…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 %2</source>
        <comment>cash balance: amount currency</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cash: none</source>
        <translation>Barbestand: keiner</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cash: %1</source>
        <translation>Barbestand: %1</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindowportfolios.cpp" line="+95"/>
        <source>The portfolio was not saved.

%1</source>
        <translation>Das Portfolio wurde nicht gespeichert.

%1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Portfolio “%1” saved.</source>
        <translation>Portfolio „%1“ gespeichert.</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+17"/>
        <source>Back Up the Store</source>
        <translation>Datenbank sichern</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Portfolio Tracker stores (*.sqlite)</source>
        <translation>Portfolio-Tracker-Datenbanken (*.sqlite)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Portfolio Tracker JSON exports (*.json)</source>
        <translation>Portfolio-Tracker-JSON-Exporte (*.json)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Backing up to %1…</source>
        <translation>Sicherung nach %1…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The backup was not written.

%1</source>
        <translation>Die Sicherung wurde nicht geschrieben.

%1</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>Backed up %n entries to %1.</source>
        <translation>
            <numerusform>%n Buchung nach %1 gesichert.</numerusform>
            <numerusform>%n Buchungen nach %1 gesichert.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+16"/>
        <location line="+38"/>
        <source>Restore the Store</source>
        <translation>Datenbank wiederherstellen</translation>
    </message>
    <message>
        <location line="-53"/>
        <source>Portfolio Tracker backups (*.sqlite *.json);;All files (*)</source>
        <translation>Portfolio-Tracker-Sicherungen (*.sqlite *.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Checking %1…</source>
        <translation>%1 wird geprüft…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This backup cannot be restored; the store was not changed.

%1</source>
        <translation>Diese Sicherung kann nicht wiederhergestellt werden; die Datenbank wurde nicht verändert.

%1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 is the store Portfolio Tracker has open, not a backup of it.</source>
        <translation>%1 ist die Datenbank, die Portfolio Tracker geöffnet hat, keine Sicherung davon.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>none</source>
        <comment>newest entry</comment>
        <translation>keine</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An SQLite backup of %1 (schema %2).</source>
        <translation>Eine SQLite-Sicherung von %1 (Schema %2).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A JSON export of %1 made %2 (format version %3).</source>
        <translation>Ein JSON-Export von %1 vom %2 (Formatversion %3).</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>It holds %n portfolios, </source>
        <translation>
            <numerusform>Sie enthält %n Portfolio, </numerusform>
            <numerusform>Sie enthält %n Portfolios, </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n entries and </source>
        <translation>
            <numerusform>%n Buchung und </numerusform>
            <numerusform>%n Buchungen und </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n daily prices; the newest entry is of %1.</source>
        <translation>
            <numerusform>%n Tageskurs; die neueste Buchung ist vom %1.</numerusform>
            <numerusform>%n Tageskurse; die neueste Buchung ist vom %1.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Replace the store with the backup %1?</source>
        <translation>Die Datenbank durch die Sicherung %1 ersetzen?</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Everything in the store %1 is replaced, including the changes made since the backup. Portfolio Tracker closes, and restores the backup when it starts again.</source>
        <translation>Alles in der Datenbank %1 wird ersetzt, auch die Änderungen seit der Sicherung. Portfolio Tracker wird beendet und stellt die Sicherung beim nächsten Start wieder her.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Restore and Restart</source>
        <translation>Wiederherstellen und neu starten</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Not restored; the store was not changed.</source>
        <translation>Nicht wiederhergestellt; die Datenbank wurde nicht verändert.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Preparing the restore…</source>
        <translation>Die Wiederherstellung wird vorbereitet…</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Settings saved. The store, the language and the provider addresses change when Portfolio Tracker starts next.</source>
        <translation>Einstellungen gespeichert. Datenbank, Sprache und Anbieteradressen ändern sich beim nächsten Start von Portfolio Tracker.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Settings saved.</source>
        <translation>Einstellungen gespeichert.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The store %1 could not be opened.

%2</source>
        <translation>Die Datenbank %1 konnte nicht geöffnet werden.

%2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Another Portfolio Tracker process runs this store&apos;s background jobs; this window shows them but does not run them.</source>
        <translation>Ein anderer Portfolio-Tracker-Prozess führt die Hintergrundaufgaben dieser Datenbank aus; dieses Fenster zeigt sie an, führt sie aber nicht aus.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Writing the sample portfolio…</source>
        <translation>Beispielportfolio wird angelegt…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sample Portfolio</source>
        <translation>Beispielportfolio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The sample portfolio was not written.

%1</source>
        <translation>Das Beispielportfolio wurde nicht angelegt.

%1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The sample portfolio uses made-up assets and prices. Remove it with File ▸ Remove Sample Portfolio.</source>
        <translation>Das Beispielportfolio verwendet erfundene Anlagen und Kurse. Entfernen Sie es mit Datei ▸ Beispielportfolio entfernen.</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+13"/>
        <source>Remove Sample Portfolio</source>
        <translation>Beispielportfolio entfernen</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Remove the sample portfolio, its entries and its made-up assets?</source>
        <translation>Das Beispielportfolio mit seinen Buchungen und erfundenen Anlagen entfernen?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The sample portfolio was not removed.

%1</source>
        <translation>Das Beispielportfolio wurde nicht entfernt.

%1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The sample portfolio was removed.</source>
        <translation>Das Beispielportfolio wurde entfernt.</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow.cpp" line="+26"/>
        <source>&amp;Dashboard</source>
        <translation>Ü&amp;bersicht</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Asset</source>
        <translation>An&amp;lage</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The valuation failed: %1</source>
        <translation>Die Bewertung ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindowtransactions.cpp" line="+104"/>
        <source>“%1” of %2</source>
        <comment>&lt;type&gt; of &lt;date&gt;</comment>
        <translation>„%1“ vom %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“%1 %2” of %3</source>
        <comment>&lt;type&gt; &lt;asset&gt; of &lt;date&gt;</comment>
        <translation>„%1 %2“ vom %3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Delete the entry %1?</source>
        <translation>Die Buchung %1 löschen?</translation>
    </message>
    <message>
        <source>New Portfolio</source>
        <translation type="vanished">Neues Portfolio</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="vanished">&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Base currency of “%1”:</source>
        <translation type="vanished">&amp;Basiswährung von „%1“:</translation>
    </message>
    <message>
        <source>The portfolio was not created.

%1</source>
        <translation type="vanished">Das Portfolio wurde nicht angelegt.

%1</translation>
    </message>
    <message>
        <location line="-61"/>
        <source>Transaction</source>
        <translation>Buchung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The assets could not be read.

%1</source>
        <translation>Die Anlagen konnten nicht gelesen werden.

%1</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Transaction saved.</source>
        <translation>Buchung gespeichert.</translation>
    </message>
    <message>
        <source>the %1 of %2</source>
        <comment>the &lt;type&gt; of &lt;date&gt;</comment>
        <translation type="vanished">%1 vom %2</translation>
    </message>
    <message>
        <source>the %1 of %2 on %3</source>
        <comment>the &lt;type&gt; of &lt;asset&gt; on &lt;date&gt;</comment>
        <translation type="vanished">%1 von %2 am %3</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+11"/>
        <source>Delete Transaction</source>
        <translation>Buchung löschen</translation>
    </message>
    <message>
        <source>Delete %1?</source>
        <translation type="vanished">%1 löschen?</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Holdings and cash are derived anew without it.</source>
        <translation>Positionen und Barbestand werden ohne sie neu ermittelt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The transaction was not deleted.

%1</source>
        <translation>Die Buchung wurde nicht gelöscht.

%1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Transaction deleted.</source>
        <translation>Buchung gelöscht.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This step cannot be undone or redone: %1</source>
        <translation>Dieser Schritt kann nicht rückgängig gemacht oder wiederholt werden: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The undo history has been cleared; the book is as it was before this step.</source>
        <translation>Der Rückgängig-Verlauf wurde gelöscht; die Buchungen sind so wie vor diesem Schritt.</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindow.cpp" line="+13"/>
        <source>About Portfolio Tracker</source>
        <translation>Über Portfolio Tracker</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;h3&gt;Portfolio Tracker %1&lt;/h3&gt;&lt;p&gt;Tracks investment portfolios offline, exactly.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Portfolio Tracker %1&lt;/h3&gt;&lt;p&gt;Verwaltet Ihre Portfolios offline und exakt.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../src/gui/mainwindowsync.cpp" line="+24"/>
        <source>S&amp;ync Now</source>
        <translation>&amp;Jetzt synchronisieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Send this store&apos;s changes to the sync server and fetch your other devices&apos; changes</source>
        <translation>Die Änderungen dieser Datenbank an den Sync-Server senden und die Ihrer anderen Geräte abholen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Shift+Y</source>
        <comment>File|Sync Now</comment>
        <translation>Ctrl+Shift+Y</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Sync failed: %1</source>
        <translation>Synchronisierung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Synced. %1</source>
        <translation>Synchronisiert. %1</translation>
    </message>
</context>
<context>
    <name>pt::gui::MarketDataText</name>
    <message>
        <location filename="../src/gui/marketdatatext.cpp" line="+25"/>
        <source>Stock</source>
        <translation>Aktie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ETF</source>
        <translation>ETF</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fund</source>
        <translation>Fonds</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bond</source>
        <translation>Anleihe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Crypto</source>
        <translation>Krypto</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Commodity</source>
        <translation>Rohstoff</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Currency</source>
        <comment>asset class</comment>
        <translation>Währung</translation>
    </message>
</context>
<context>
    <name>pt::gui::PasswordPrompt</name>
    <message>
        <location filename="../src/gui/passwordprompt.cpp" line="+15"/>
        <source>Enter the password of the PostgreSQL store %1.</source>
        <translation>Geben Sie das Passwort der PostgreSQL-Datenbank %1 ein.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Connect</source>
        <comment>open the store with this password</comment>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>&amp;Remember the password in the keychain</source>
        <translation>Passwort im Schlüsselbund &amp;merken</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Otherwise it is used for this session only.</source>
        <translation>Andernfalls wird es nur für diese Sitzung verwendet.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Remember the password in the unencrypted password file</source>
        <translation>Passwort in der unverschlüsselten Passwortdatei &amp;merken</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Warning: the file is not encrypted; anyone who can read your account&apos;s files can read the password. Otherwise it is used for this session only.</source>
        <translation>Warnung: Die Datei ist nicht verschlüsselt; wer die Dateien Ihres Benutzerkontos lesen kann, kann auch das Passwort lesen. Andernfalls wird es nur für diese Sitzung verwendet.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Remember the password</source>
        <translation>Passwort &amp;merken</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The password is used for this session only: without a keychain it cannot be kept safely. To keep it anyway, allow the unencrypted password file in Settings, on the Store tab.</source>
        <translation>Das Passwort wird nur für diese Sitzung verwendet: Ohne Schlüsselbund kann es nicht sicher gespeichert werden. Um es trotzdem zu speichern, erlauben Sie die unverschlüsselte Passwortdatei in den Einstellungen auf der Registerkarte „Datenbank“.</translation>
    </message>
</context>
<context>
    <name>pt::gui::PortfolioDialog</name>
    <message>
        <location filename="../src/gui/portfoliodialog.cpp" line="+58"/>
        <source>Edit Portfolio</source>
        <translation>Portfolio bearbeiten</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Name: enter a name for the portfolio.</source>
        <translation>Name: Geben Sie einen Namen für das Portfolio ein.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Name: there is already a portfolio named &apos;%1&apos;.</source>
        <translation>Name: Es gibt bereits ein Portfolio namens &apos;%1&apos;.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Base currency: enter a currency code such as EUR.</source>
        <translation>Basiswährung: Geben Sie einen Währungscode wie EUR ein.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Base currency: &apos;%1&apos; is not a currency code (3 to 5 letters or digits).</source>
        <translation>Basiswährung: &apos;%1&apos; ist kein Währungscode (3 bis 5 Buchstaben oder Ziffern).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cost basis: with %1, the holdings, cost basis and realized gains of this portfolio are recomputed from all its entries.</source>
        <translation>Einstandswert: Nach der Umstellung auf „%1“ werden Positionen, Einstandswerte und realisierte Gewinne dieses Portfolios aus allen Buchungen neu berechnet.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Base currency: the ECB publishes no reference rates for %1, so amounts in other currencies cannot be converted to it.</source>
        <translation>Basiswährung: Die EZB veröffentlicht keine Referenzkurse für %1, daher können Beträge in anderen Währungen nicht umgerechnet werden.</translation>
    </message>
</context>
<context>
    <name>pt::gui::PortfolioListModel</name>
    <message>
        <location filename="../src/gui/mainwindow.cpp" line="-563"/>
        <location filename="../src/gui/portfoliolistmodel.cpp" line="+176"/>
        <source>All portfolios</source>
        <translation>Alle Portfolios</translation>
    </message>
    <message>
        <location filename="../src/gui/portfoliolistmodel.cpp" line="+5"/>
        <source>Every portfolio together, in %1</source>
        <translation>Alle Portfolios zusammen, in %1</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Portfolio</source>
        <translation>Portfolio</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Currency</source>
        <translation>Währung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cost basis</source>
        <comment>cost-basis method: FIFO or average cost</comment>
        <translation>Einstandsmethode</translation>
    </message>
</context>
<context>
    <name>pt::gui::SearchResultsModel</name>
    <message>
        <location filename="../src/gui/searchresultsmodel.cpp" line="+137"/>
        <source>Catalog</source>
        <comment>the local list of assets</comment>
        <translation>Katalog</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Already in the catalog</source>
        <translation>Bereits im Katalog</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From %1 (id %2)</source>
        <translation>Von %1 (ID %2)</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Symbol</source>
        <translation>Symbol</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Class</source>
        <comment>asset class</comment>
        <translation>Klasse</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exchange</source>
        <translation>Börse</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Currency</source>
        <translation>Währung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Source</source>
        <comment>where a search result comes from</comment>
        <translation>Quelle</translation>
    </message>
</context>
<context>
    <name>pt::gui::SettingsDialog</name>
    <message>
        <location filename="../src/gui/settingsdialog.cpp" line="+65"/>
        <source>S&amp;ync</source>
        <translation>S&amp;ynchronisierung</translation>
    </message>
    <message numerus="yes">
        <location line="+67"/>
        <source>The environment variable(s) %1 override the addresses here.</source>
        <translation>
            <numerusform>Die Umgebungsvariable %1 hat Vorrang vor den Adressen hier.</numerusform>
            <numerusform>Die Umgebungsvariablen %1 haben Vorrang vor den Adressen hier.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source> %</source>
        <comment>percent suffix of the risk-free rate</comment>
        <translation> %</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>System</source>
        <comment>language: follow the system&apos;s</comment>
        <translation>System</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>System</source>
        <comment>theme: follow the system&apos;s light or dark mode</comment>
        <translation>System</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Light</source>
        <comment>theme</comment>
        <translation>Hell</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dark</source>
        <comment>theme</comment>
        <translation>Dunkel</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Yahoo chart</source>
        <translation>Yahoo-Chart</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Yahoo quote</source>
        <translation>Yahoo-Kurse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Yahoo cookie</source>
        <translation>Yahoo-Cookie</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CoinGecko</source>
        <translation>CoinGecko</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Binance</source>
        <translation>Binance</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ECB</source>
        <translation>EZB</translation>
    </message>
    <message>
        <location line="+154"/>
        <source>Keeping the password…</source>
        <translation>Passwort wird gespeichert…</translation>
    </message>
    <message>
        <source>Store File</source>
        <translation type="vanished">Datenbankdatei</translation>
    </message>
    <message>
        <source>SQLite stores (*.sqlite *.db);;All files (*)</source>
        <translation type="vanished">SQLite-Datenbanken (*.sqlite *.db);;Alle Dateien (*)</translation>
    </message>
    <message numerus="yes">
        <location line="-93"/>
        <source> minute(s)</source>
        <comment>suffix of the refresh interval</comment>
        <translation>
            <numerusform> Minute</numerusform>
            <numerusform> Minuten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source> day(s)</source>
        <comment>suffix of the staleness limit</comment>
        <translation>
            <numerusform> Tag</numerusform>
            <numerusform> Tage</numerusform>
        </translation>
    </message>
    <message>
        <source>Store file: enter the full path of the file, such as %1.</source>
        <translation type="vanished">Datenbankdatei: Geben Sie den vollständigen Pfad der Datei ein, z. B. %1.</translation>
    </message>
    <message>
        <source>Store file: %1 is a folder; choose a file in it.</source>
        <translation type="vanished">Datenbankdatei: %1 ist ein Ordner; wählen Sie eine Datei darin.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1: enter the provider&apos;s address (Restore Defaults puts back the real one).</source>
        <translation>%1: Geben Sie die Adresse des Anbieters ein („Standard wiederherstellen“ setzt die echte wieder ein).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: &apos;%2&apos; is not an http or https address such as https://api.example.com.</source>
        <translation>%1: &apos;%2&apos; ist keine http- oder https-Adresse wie https://api.example.com.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Refresh every: enter a whole number of minutes from %1 to %2.</source>
        <translation>Aktualisieren alle: Geben Sie eine ganze Zahl von Minuten zwischen %1 und %2 ein.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Total currency: enter a currency code such as EUR.</source>
        <translation>Gesamtwährung: Geben Sie einen Währungscode wie EUR ein.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Total currency: &apos;%1&apos; is not a currency code (3 to 5 letters or digits).</source>
        <translation>Gesamtwährung: &apos;%1&apos; ist kein Währungscode (3 bis 5 Buchstaben oder Ziffern).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Daily close: enter a time of day as HH:mm on the 24-hour clock, such as 22:00.</source>
        <translation>Tagesschluss: Geben Sie eine Uhrzeit als HH:mm im 24-Stunden-Format ein, z. B. 22:00.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Risk-free rate: enter a percentage from %1 to %2.</source>
        <translation>Risikofreier Zins: Geben Sie einen Prozentsatz zwischen %1 und %2 ein.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stale after: enter a whole number of days from %1 to %2.</source>
        <translation>Veraltet nach: Geben Sie eine ganze Zahl von Tagen zwischen %1 und %2 ein.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The new store, language or provider addresses are used from the next start.</source>
        <translation>Die neue Datenbank, Sprache bzw. die neuen Anbieteradressen werden ab dem nächsten Start verwendet.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Total currency: the ECB publishes no reference rates for %1, so amounts in other currencies cannot be converted to it.</source>
        <translation>Gesamtwährung: Die EZB veröffentlicht keine Referenzkurse für %1, daher können Beträge in anderen Währungen nicht umgerechnet werden.</translation>
    </message>
</context>
<context>
    <name>pt::gui::SnapshotTimer</name>
    <message>
        <location filename="../src/gui/snapshottimer.cpp" line="+62"/>
        <source>The valuation snapshot was not stored: %1</source>
        <translation>Der Bewertungsstand wurde nicht gespeichert: %1</translation>
    </message>
</context>
<context>
    <name>pt::gui::StoreOpener</name>
    <message>
        <location filename="../src/gui/storeopener.cpp" line="+84"/>
        <source>Reading the password of %1 from the keychain…</source>
        <translation>Passwort für %1 wird aus dem Schlüsselbund gelesen…</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>No password for this store is kept in the keychain.</source>
        <translation>Für diese Datenbank ist kein Passwort im Schlüsselbund gespeichert.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The keychain refused access: %1</source>
        <translation>Der Schlüsselbund hat den Zugriff verweigert: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No keychain available: %1</source>
        <translation>Kein Schlüsselbund verfügbar: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The unencrypted password file cannot be used: %1</source>
        <translation>Die unverschlüsselte Passwortdatei kann nicht verwendet werden: %1</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>No password was entered for the store %1.</source>
        <translation>Für die Datenbank %1 wurde kein Passwort eingegeben.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Connecting to %1…</source>
        <translation>Verbindung zu %1 wird hergestellt…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Portfolio Tracker could not open the store %1:</source>
        <translation>Portfolio Tracker konnte die Datenbank %1 nicht öffnen:</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The password could not be kept in the unencrypted file: %1</source>
        <translation>Das Passwort konnte nicht in der unverschlüsselten Datei gespeichert werden: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Keeping the password in the keychain…</source>
        <translation>Passwort wird im Schlüsselbund gespeichert…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The password could not be kept in the keychain (%1); it serves this session only.</source>
        <translation>Das Passwort konnte nicht im Schlüsselbund gespeichert werden (%1); es gilt nur für diese Sitzung.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The password came from the keychain.</source>
        <translation>Das Passwort stammte aus dem Schlüsselbund.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The password came from the unencrypted password file.</source>
        <translation>Das Passwort stammte aus der unverschlüsselten Passwortdatei.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The password was the one you entered.</source>
        <translation>Das Passwort war das von Ihnen eingegebene.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No password was given, so the PostgreSQL client library looked for PGPASSWORD and ~/.pgpass.</source>
        <translation>Es wurde kein Passwort angegeben, daher hat die PostgreSQL-Clientbibliothek PGPASSWORD und ~/.pgpass herangezogen.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot Open the Store</source>
        <translation>Datenbank kann nicht geöffnet werden</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Enter &amp;Password…</source>
        <translation>&amp;Passwort eingeben…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Try Again</source>
        <translation>&amp;Erneut versuchen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Settings…</source>
        <translation>E&amp;instellungen…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Use &amp;Local Store</source>
        <translation>&amp;Lokale Datenbank verwenden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Use Local Store opens the store on this computer, %1, for this session; the settings stay as they are.</source>
        <translation>„Lokale Datenbank verwenden“ öffnet für diese Sitzung die Datenbank auf diesem Computer, %1; die Einstellungen bleiben unverändert.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Enter the password again, or another one.</source>
        <translation>Geben Sie das Passwort erneut oder ein anderes ein.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Opening the Store</source>
        <translation>Datenbank wird geöffnet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Opening the store %1 was cancelled.</source>
        <translation>Das Öffnen der Datenbank %1 wurde abgebrochen.</translation>
    </message>
</context>
<context>
    <name>pt::gui::StoreSettingsSection</name>
    <message>
        <location filename="../src/gui/storesettingssection.cpp" line="+77"/>
        <source>SQLite file on this computer</source>
        <translation>SQLite-Datei auf diesem Computer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PostgreSQL server</source>
        <translation>PostgreSQL-Server</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>disable: not encrypted</source>
        <comment>sslmode</comment>
        <translation>disable: nicht verschlüsselt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>allow: encrypted if the server insists</source>
        <comment>sslmode</comment>
        <translation>allow: verschlüsselt, wenn der Server es verlangt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>prefer: encrypted if the server can</source>
        <comment>sslmode</comment>
        <translation>prefer: verschlüsselt, wenn der Server es kann</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>require: always encrypted</source>
        <comment>sslmode</comment>
        <translation>require: immer verschlüsselt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>verify-ca: encrypted, server certificate checked</source>
        <comment>sslmode</comment>
        <translation>verify-ca: verschlüsselt, Serverzertifikat geprüft</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>verify-full: encrypted, certificate and host name checked</source>
        <comment>sslmode</comment>
        <translation>verify-full: verschlüsselt, Zertifikat und Hostname geprüft</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Store file: enter the full path of the file, such as %1.</source>
        <translation>Datenbankdatei: Geben Sie den vollständigen Pfad der Datei ein, z. B. %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Store file: %1 is a folder; choose a file in it.</source>
        <translation>Datenbankdatei: %1 ist ein Ordner; wählen Sie eine Datei darin.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Host: &apos;%1&apos; is not a host name or address such as db.example.org.</source>
        <translation>Host: „%1“ ist kein Hostname und keine Adresse wie db.example.org.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Port: enter a whole number from 1 to 65535 (PostgreSQL&apos;s own is 5432).</source>
        <translation>Port: Geben Sie eine ganze Zahl von 1 bis 65535 ein (der Standard von PostgreSQL ist 5432).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Database: enter the name of the database on the server.</source>
        <translation>Datenbank: Geben Sie den Namen der Datenbank auf dem Server ein.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Database: a database name cannot contain &apos;/&apos;.</source>
        <translation>Datenbank: Ein Datenbankname darf kein „/“ enthalten.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User: enter the PostgreSQL user (role) to connect as.</source>
        <translation>Benutzer: Geben Sie den PostgreSQL-Benutzer (die Rolle) für die Verbindung ein.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Store File</source>
        <translation>Datenbankdatei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SQLite stores (*.sqlite *.db);;All files (*)</source>
        <translation>SQLite-Datenbanken (*.sqlite *.db);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Off by default. When on, and only where no keychain answers, a password is kept UNENCRYPTED in %1, which anyone who can read your account&apos;s files can read. Turning it off deletes that file.</source>
        <translation>Standardmäßig aus. Wenn eingeschaltet, und nur wenn kein Schlüsselbund antwortet, wird ein Passwort UNVERSCHLÜSSELT in %1 gespeichert, das jeder lesen kann, der die Dateien Ihres Benutzerkontos lesen kann. Ausschalten löscht diese Datei.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>A password for this store is kept in the keychain; type one to replace it.</source>
        <translation>Für diese Datenbank ist ein Passwort im Schlüsselbund gespeichert; geben Sie eines ein, um es zu ersetzen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A password for this store is kept in the unencrypted password file; type one to replace it.</source>
        <translation>Für diese Datenbank ist ein Passwort in der unverschlüsselten Passwortdatei gespeichert; geben Sie eines ein, um es zu ersetzen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No password is kept for this store: type it here, or you will be asked for it at start.</source>
        <translation>Für diese Datenbank ist kein Passwort gespeichert: Geben Sie es hier ein, sonst werden Sie beim Start danach gefragt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No keychain available: %1</source>
        <translation>Kein Schlüsselbund verfügbar: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A password typed here goes to the unencrypted file.</source>
        <translation>Ein hier eingegebenes Passwort wird in der unverschlüsselten Datei gespeichert.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You will be asked for the password at start; it then serves that session only.</source>
        <translation>Sie werden beim Start nach dem Passwort gefragt; es gilt dann nur für diese Sitzung.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The keychain refused access: %1</source>
        <translation>Der Schlüsselbund hat den Zugriff verweigert: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The unencrypted password file cannot be used: %1</source>
        <translation>Die unverschlüsselte Passwortdatei kann nicht verwendet werden: %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Connecting to %1…</source>
        <translation>Verbindung zu %1 wird hergestellt…</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Connected: PostgreSQL %1.</source>
        <translation>Verbunden: PostgreSQL %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Could not connect: %1</source>
        <translation>Keine Verbindung möglich: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(No password was typed or kept for this store; the PostgreSQL client library looked for PGPASSWORD and ~/.pgpass.)</source>
        <translation>(Für diese Datenbank wurde kein Passwort eingegeben oder gespeichert; die PostgreSQL-Clientbibliothek hat PGPASSWORD und ~/.pgpass herangezogen.)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Qt&apos;s PostgreSQL driver (QPSQL) is not installed.</source>
        <translation>Der PostgreSQL-Treiber von Qt (QPSQL) ist nicht installiert.</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>The password could not be kept in the unencrypted file: %1</source>
        <translation>Das Passwort konnte nicht in der unverschlüsselten Datei gespeichert werden: %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The password could not be kept: no keychain available (%1). Allow the unencrypted password file, or leave the password empty to be asked for it at each start.</source>
        <translation>Das Passwort konnte nicht gespeichert werden: kein Schlüsselbund verfügbar (%1). Erlauben Sie die unverschlüsselte Passwortdatei, oder lassen Sie das Passwort leer, um bei jedem Start danach gefragt zu werden.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The password could not be kept: the keychain refused access (%1).</source>
        <translation>Das Passwort konnte nicht gespeichert werden: Der Schlüsselbund hat den Zugriff verweigert (%1).</translation>
    </message>
</context>
<context>
    <name>pt::gui::SyncSettingsSection</name>
    <message>
        <location filename="../src/gui/syncsettingssection.cpp" line="+22"/>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>at least 12 characters</source>
        <translation>mindestens 12 Zeichen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign In</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create Account</source>
        <translation>Konto anlegen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sign Out</source>
        <translation>Abmelden</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Email:</source>
        <translation>&amp;E-Mail:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Schedule and connection</source>
        <translation>Zeitplan und Verbindung</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only after edits and on request</source>
        <translation>Nur nach Änderungen und auf Anforderung</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the system&apos;s trusted certificates</source>
        <translation>die vertrauenswürdigen Zertifikate des Systems</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sync &amp;every:</source>
        <translation>Synchronisieren &amp;alle:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Trusted &amp;CA certificate:</source>
        <translation>Vertrauenswürdiges &amp;CA-Zertifikat:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Portfolio Tracker works fully without a server. Signed in, it sends your changes and fetches those of your other devices; your password is not stored, the sign-in is kept in the system keychain.</source>
        <translation>Portfolio Tracker funktioniert vollständig ohne Server. Angemeldet sendet er Ihre Änderungen und holt die Ihrer anderen Geräte ab; Ihr Passwort wird nicht gespeichert, die Anmeldung wird im Schlüsselbund des Systems aufbewahrt.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Signing out…</source>
        <translation>Abmeldung läuft…</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Sync: the CA certificate file &apos;%1&apos; does not exist.</source>
        <translation>Synchronisierung: Die CA-Zertifikatsdatei „%1“ existiert nicht.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Not signed in. Sign in to an account on your sync server, or create one there.</source>
        <translation>Nicht angemeldet. Melden Sie sich bei einem Konto auf Ihrem Sync-Server an oder legen Sie dort eines an.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sync is not available here.</source>
        <translation>Synchronisierung ist hier nicht verfügbar.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Last sync failed: %1</source>
        <translation>Letzte Synchronisierung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Creating the account…</source>
        <translation>Konto wird angelegt…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Signing in…</source>
        <translation>Anmeldung läuft…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Trusted CA Certificate</source>
        <translation>Vertrauenswürdiges CA-Zertifikat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PEM certificates (*.pem *.crt);;All files (*)</source>
        <translation>PEM-Zertifikate (*.pem *.crt);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>pt::gui::SyncStatusButton</name>
    <message>
        <location filename="../src/gui/syncstatusbutton.cpp" line="+21"/>
        <source>Sync: not signed in</source>
        <translation>Synchronisierung: nicht angemeldet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Syncing…</source>
        <translation>Synchronisiere…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sync failed</source>
        <translation>Synchronisierung fehlgeschlagen</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n change(s) to sync</source>
        <translation>
            <numerusform>%n Änderung zu synchronisieren</numerusform>
            <numerusform>%n Änderungen zu synchronisieren</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+16"/>
        <source>Not synced yet</source>
        <translation>Noch nicht synchronisiert</translation>
    </message>
    <message>
        <location line="-12"/>
        <location line="+1"/>
        <source>Synced %1</source>
        <translation>Synchronisiert %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sign in to a sync server in Settings ▸ Sync to keep this store in step with your other devices.</source>
        <translation>Melden Sie sich unter Einstellungen ▸ Synchronisierung bei einem Sync-Server an, um diese Datenbank mit Ihren anderen Geräten abzugleichen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Signed in to %1 as %2</source>
        <translation>Bei %1 angemeldet als %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last synced: %1</source>
        <translation>Zuletzt synchronisiert: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Changes waiting to be sent: %1</source>
        <translation>Noch zu sendende Änderungen: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last attempt failed: %1</source>
        <translation>Letzter Versuch fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Click to sync now.</source>
        <translation>Klicken, um jetzt zu synchronisieren.</translation>
    </message>
</context>
<context>
    <name>pt::gui::SyncWorker</name>
    <message>
        <location filename="../src/gui/syncworker.cpp" line="+83"/>
        <source>Not signed in to a sync server.</source>
        <translation>Bei keinem Sync-Server angemeldet.</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>The sign-in cannot be kept: %1</source>
        <translation>Die Anmeldung kann nicht aufbewahrt werden: %1</translation>
    </message>
</context>
<context>
    <name>pt::gui::TransactionDialog</name>
    <message>
        <location filename="../src/gui/transactiondialog.cpp" line="+87"/>
        <source>None</source>
        <comment>no asset</comment>
        <translation>Keine</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 – %2</source>
        <comment>asset: symbol – name</comment>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Edit Transaction</source>
        <translation>Buchung bearbeiten</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>Gross a&amp;mount:</source>
        <translation>Brutto&amp;betrag:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>A&amp;mount:</source>
        <translation>&amp;Betrag:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Withheld:</source>
        <translation>&amp;Einbehalten:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Fee:</source>
        <translation>&amp;Gebühr:</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1: enter a number.</source>
        <comment>%1 is a field name</comment>
        <translation>%1: Geben Sie eine Zahl ein.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: %2</source>
        <comment>field name: why its value is refused</comment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Asset: the catalog has no assets yet.</source>
        <translation>Anlage: Der Katalog enthält noch keine Anlagen.</translation>
    </message>
    <message>
        <source>Asset: choose the asset of this %1.</source>
        <translation type="vanished">Anlage: Wählen Sie die Anlage für diese Buchung (%1).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Asset: choose the asset of this entry (%1).</source>
        <translation>Anlage: Wählen Sie die Anlage dieser Buchung (%1).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>To portfolio: choose the portfolio to transfer to.</source>
        <translation>In Portfolio: Wählen Sie das Zielportfolio des Übertrags.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Quantity</source>
        <translation>Stückzahl</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Price</source>
        <translation>Kurs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fee</source>
        <translation>Gebühr</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New units</source>
        <translation>Neue Stücke</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Old units</source>
        <translation>Alte Stücke</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Currency: enter a currency code such as EUR.</source>
        <translation>Währung: Geben Sie einen Währungscode wie EUR ein.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Currency: &apos;%1&apos; is not a currency code (3 to 5 letters or digits).</source>
        <translation>Währung: &apos;%1&apos; ist kein Währungscode (3 bis 5 Buchstaben oder Ziffern).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Note: %1 characters long, at most %2 are allowed (a longer note could not be synced).</source>
        <translation>Notiz: %1 Zeichen lang, höchstens %2 sind erlaubt (eine längere Notiz ließe sich nicht synchronisieren).</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Cost: %1 %2, fee included.</source>
        <translation>Kosten: %1 %2, inklusive Gebühr.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Proceeds: %1 %2, after the fee.</source>
        <translation>Erlös: %1 %2, nach Abzug der Gebühr.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Not saved: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
</context>
<context>
    <name>pt::gui::TransactionFilterBar</name>
    <message>
        <location filename="../src/gui/transactionfilterbar.cpp" line="+27"/>
        <source>Any</source>
        <translation>Beliebig</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>All types</source>
        <translation>Alle Arten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Asset</source>
        <translation>Anlage</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clear</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show every transaction again</source>
        <translation>Wieder alle Buchungen anzeigen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Type:</source>
        <translation>&amp;Art:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A&amp;sset:</source>
        <translation>A&amp;nlage:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>F&amp;rom:</source>
        <translation>&amp;Von:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>T&amp;o:</source>
        <translation>&amp;Bis:</translation>
    </message>
</context>
<context>
    <name>pt::gui::TransactionsModel</name>
    <message>
        <location filename="../src/gui/mainwindow.cpp" line="-6"/>
        <location filename="../src/gui/transactionsmodel.cpp" line="+224"/>
        <source>Transfer out</source>
        <translation>Übertrag (Abgang)</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../src/gui/transactionsmodel.cpp" line="+1"/>
        <source>Transfer in</source>
        <translation>Übertrag (Zugang)</translation>
    </message>
    <message>
        <location filename="../src/gui/transactionsmodel.cpp" line="-45"/>
        <source>#%1</source>
        <comment>an asset missing from the catalog, by its id</comment>
        <translation>#%1</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Cash</source>
        <translation>Barbestand</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 for %2</source>
        <comment>split ratio: new units for old units</comment>
        <translation>%1 für %2</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type</source>
        <comment>kind of transaction</comment>
        <translation>Art</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Asset</source>
        <translation>Anlage</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quantity</source>
        <translation>Stückzahl</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Price</source>
        <comment>per unit</comment>
        <translation>Kurs</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fee</source>
        <translation>Gebühr</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Currency</source>
        <translation>Währung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
</context>
<context>
    <name>pt::gui::ValuationService</name>
    <message>
        <location filename="../src/gui/valuationservice.cpp" line="+114"/>
        <source>There is no store to value.</source>
        <translation>Es gibt keine Datenbank zum Bewerten.</translation>
    </message>
</context>
<context>
    <name>pt::gui::charts::AllocationChart</name>
    <message>
        <location filename="../src/gui/charts/allocationchart.cpp" line="+33"/>
        <source>%1 %</source>
        <comment>a percentage</comment>
        <translation>%1 %</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>%1  %2</source>
        <comment>allocation legend: name, percentage</comment>
        <translation>%1  %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1
%2
%3 of the total</source>
        <comment>allocation tooltip: name, value, percentage</comment>
        <translation>%1
%2
%3 der Summe</translation>
    </message>
</context>
<context>
    <name>pt::gui::charts::GainBarChart</name>
    <message>
        <location filename="../src/gui/charts/gainbarchart.cpp" line="+50"/>
        <source>Gain</source>
        <translation>Gewinn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>%1: %2</source>
        <comment>gain bar tooltip: holding, gain</comment>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>pt::gui::charts::PriceChart</name>
    <message>
        <location filename="../src/gui/charts/pricechart.cpp" line="+120"/>
        <source>Price</source>
        <translation>Kurs</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Close</source>
        <translation>Schlusskurs</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Buys</source>
        <translation>Käufe</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sells</source>
        <translation>Verkäufe</translation>
    </message>
    <message>
        <location line="+88"/>
        <source>
Open %1  High %2
Low %3  Close %4 %5</source>
        <comment>price tooltip</comment>
        <translation>
Eröffnung %1  Hoch %2
Tief %3  Schluss %4 %5</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>
Close %1 %2</source>
        <comment>price tooltip</comment>
        <translation>
Schluss %1 %2</translation>
    </message>
</context>
<context>
    <name>pt::gui::charts::TimeSeriesChart</name>
    <message>
        <location filename="../src/gui/charts/timeserieschart.cpp" line="+184"/>
        <source>
%1: %2 %3</source>
        <translation>
%1: %2 %3</translation>
    </message>
</context>
</TS>
