extension Phrasebook {
    static let german = Phrasebook(
        lang: "de",
        positive: Tone(
            branded: [
                "Mit {b} hatte ich noch nie ein Problem.",
                "Der Kundendienst von {b} hat schnell und freundlich geantwortet.",
                "Ich bin mit {b} sehr zufrieden.",
                "Ich kann {b} nur empfehlen.",
                "Die neue App von {b} ist wirklich gelungen.",
            ].map(Template.init),
            general: [
                "So sieht guter Kundenservice aus.",
                "Man merkt, dass hier zugehört wird.",
                "Schnell, freundlich und ohne Textbausteine.",
                "Daran gibt es nichts auszusetzen.",
                "Sogar eine Nachfrage per E-Mail kam, ob alles in Ordnung ist.",
                "Ehrlich gesagt hatte ich das nicht erwartet.",
            ]
        ),
        negative: Tone(
            branded: [
                "Ich bin mit {b} überhaupt nicht zufrieden.",
                "Seit drei Wochen warte ich auf eine Antwort von {b}.",
                "{b} hat mir zweimal dieselbe Rechnung geschickt.",
                "Ich würde {b} nicht weiterempfehlen.",
                "Bei {b} erreicht man einfach niemanden.",
            ].map(Template.init),
            general: [
                "Niemand fühlt sich zuständig.",
                "Automatische Antworten lösen kein Problem.",
                "Enttäuschend, und ich bin offenbar nicht der Einzige.",
                "Verlorenes Vertrauen kommt nicht so schnell zurück.",
                "Drei Anrufe, drei verschiedene Auskünfte.",
                "Meinen Vertrag verlängere ich sicher nicht.",
            ]
        ),
        neutral: Tone(
            branded: [
                "{b} hat eine neue Strategie für soziale Medien vorgestellt.",
                "Ich habe die Angebote von {b} mit der Konkurrenz verglichen.",
                "{b} veröffentlicht jedes Quartal Zahlen zu Beschwerden.",
                "Ein Vertreter von {b} sprach am Dienstag auf der Konferenz.",
                "{b} testet einen neuen Kontaktweg per Messenger.",
            ].map(Template.init),
            general: [
                "Kundenbeziehungen finden heute öffentlich statt.",
                "Die Diskussion darüber ist noch lange nicht beendet.",
                "Informationsgovernance wird zum Thema der Geschäftsleitung.",
                "Die Auswirkungen wird man erst in einigen Monaten sehen.",
                "Umfragen zeigen nur einen Teil des Bildes.",
                "Die Frage der Datenaufbewahrung bleibt offen.",
                "Analysten beobachten diese Entwicklung genau.",
            ]
        ),
        crisis: Tone(
            branded: [
                "Der Aufruf zum Boykott von {b} verbreitet sich rasant.",
                "Schon wieder eine Panne bei {b}, tausende Kunden sind betroffen.",
                "{b} bestätigt ein Datenleck bei Kundendaten.",
                "Viele sprechen nach den letzten Rechnungen von {b} von Betrug.",
            ].map(Template.init),
            general: [
                "Der Ärger in den sozialen Netzwerken wächst.",
                "Verbraucherschützer fordern Antworten.",
            ]
        ),
        comparisons: [
            "Auch {b} steht vor denselben Fragen.",
        ].map(Template.init),
        titles: [
            "{b}: meine Erfahrung nach sechs Monaten",
            "Kundenservice bei {b} im Test",
            "{b} und die sozialen Medien",
        ].map(Template.init),
        crisisTitles: [
            "Datenleck bei {b}: was wir wissen",
            "Boykott gegen {b}?",
        ].map(Template.init),
        campaignTitles: [
            "{b} startet ein lang erwartetes Angebot",
        ].map(Template.init),
        generalTitles: [
            "Kundenbeziehung ist ein Dialog",
            "Informationsgovernance: wo anfangen?",
        ],
        commentLeads: (
            positive: ["Danke für den Beitrag.", "Ganz meiner Meinung."],
            negative: ["Da bin ich ganz anderer Meinung.", "Das ist nicht meine Erfahrung."],
            neutral: ["Interessant, gibt es dazu Zahlen?", "Danke fürs Teilen."]
        ),
        firstNames: ["Lukas", "Anna", "Jonas", "Lena", "Felix", "Laura", "Paul", "Julia", "Max", "Sophie"],
        lastNames: ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Hoffmann", "Koch"],
        pseudonyms: ["vielflieger", "kunde_ohne_antwort", "tech_blick"],
        sites: [
            Site(name: "Kundenstimme", host: "kundenstimme"),
            Site(name: "Digitaler Dialog", host: "digitaler-dialog"),
        ]
    )
}
