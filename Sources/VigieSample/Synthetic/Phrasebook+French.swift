extension Phrasebook {
    static let french = Phrasebook(
        lang: "fr",
        positive: Tone(
            branded: [
                "Je dois dire que {b} m'a agréablement surpris cette semaine.",
                "Le service client de {b} a répondu en moins d'une heure, avec une vraie solution.",
                "Franchement, jamais eu de problème avec {b} depuis des années.",
                "Chapeau à {b} pour la qualité de l'accueil et le suivi de ma demande.",
                "Très satisfait de {b} : tout fonctionne comme annoncé.",
                "{b} a su reconnaître son erreur et m'a remboursé sans discuter.",
                "Je recommande {b} sans hésiter à mon entourage.",
                "Bravo à l'équipe de {b}, c'est rapide, clair et efficace.",
                "Avec {b}, aucun souci à signaler, l'expérience est excellente.",
                "La nouvelle application de {b} est vraiment réussie et agréable à utiliser.",
                "Il faut reconnaître que {b} n'a jamais déçu ses clients fidèles.",
                "Sur les réseaux sociaux, {b} répond avec humour et sans langue de bois.",
            ].map(Template.init),
            general: [
                "C'est exactement ce qu'on attend d'une relation client digne de ce nom.",
                "On sent une vraie écoute et une réelle envie de bien faire.",
                "Une belle preuve que le respect du client paie sur la durée.",
                "Les équipes ont été aimables, patientes et compétentes.",
                "Je n'ai rien à redire, c'est un sans-faute.",
                "Voilà une marque qui a compris que la confiance se gagne chaque jour.",
                "Le dialogue a été simple, humain et constructif.",
                "Ce genre d'attention donne envie de rester fidèle.",
                "Je n'ai jamais été aussi bien informé, et c'est très appréciable.",
            ]
        ),
        negative: Tone(
            branded: [
                "Pas satisfait du tout de {b}, et ce n'est pas la première fois.",
                "J'attends toujours une réponse de {b} après trois relances.",
                "Le service client de {b} ne répond plus, c'est inadmissible.",
                "Je ne recommande pas {b}, l'expérience a été déplorable.",
                "{b} m'a facturé deux fois le même mois sans la moindre explication.",
                "Très déçu par {b} : des promesses, mais rien de concret.",
                "Impossible de joindre quelqu'un chez {b}, on tourne en rond.",
                "{b} ne tient jamais ses engagements, c'est lassant.",
                "Encore un retard chez {b}, et toujours aucune excuse.",
                "L'application de {b} ne fonctionne plus depuis la dernière mise à jour.",
                "Je ne suis pas près de refaire confiance à {b}.",
            ].map(Template.init),
            general: [
                "On a le sentiment de ne pas être écouté, ni même lu.",
                "Les réponses automatiques ne remplacent pas un humain qui comprend le problème.",
                "C'est décevant, et je ne suis visiblement pas le seul à le penser.",
                "Quand la confiance est perdue, il est très difficile de la regagner.",
                "Ce manque de respect envers les clients est vraiment désolant.",
                "Je n'achèterai plus rien tant que rien ne change.",
                "Personne ne semble responsable de quoi que ce soit.",
                "Le client n'est pas une vache à lait, il serait temps de le comprendre.",
                "Les belles campagnes de communication n'y changent rien, bien au contraire.",
            ]
        ),
        neutral: Tone(
            branded: [
                "{b} a annoncé une nouvelle organisation de son service client.",
                "Selon plusieurs études, {b} reste très présent sur les réseaux sociaux.",
                "J'ai comparé les offres de {b} avec celles de la concurrence.",
                "{b} publie chaque trimestre des chiffres sur le traitement des réclamations.",
                "La stratégie numérique de {b} fait l'objet de nombreux débats.",
                "{b} organise un webinaire sur la gouvernance de l'information.",
                "Un responsable de {b} était présent à la conférence de mardi.",
                "Le dernier rapport annuel de {b} consacre un chapitre à la relation client.",
                "{b} teste un nouveau canal de contact par messagerie.",
            ].map(Template.init),
            general: [
                "La relation client se joue désormais aussi sur le web.",
                "Les internautes comparent, commentent et recommandent en permanence.",
                "La gouvernance de l'information devient un sujet pour les directions générales.",
                "Les réseaux sociaux d'entreprise changent la manière de travailler ensemble.",
                "Il faudra attendre quelques mois pour mesurer les effets.",
                "Le sujet revient régulièrement dans les discussions entre professionnels.",
                "Chacun se fera son avis en lisant les retours des utilisateurs.",
                "Les chiffres publiés ne disent pas tout de l'expérience vécue.",
                "La question de la conservation des données reste entière.",
                "Plusieurs cabinets d'études suivent ces tendances de près.",
            ]
        ),
        crisis: Tone(
            branded: [
                "Appel au boycott de {b} : le mot-dièse circule partout depuis hier.",
                "Nouvelle panne chez {b}, des milliers de clients sont bloqués depuis ce matin.",
                "Fuite de données chez {b} : nos adresses et numéros seraient dans la nature.",
                "Beaucoup parlent d'arnaque après les dernières factures de {b}.",
                "La panne de {b} dure depuis deux jours et personne ne nous informe.",
                "{b} reconnaît une fuite de données mais minimise son ampleur.",
                "Je rejoins le boycott de {b} tant qu'ils ne s'expliquent pas.",
                "Remboursement refusé, service injoignable : {b}, c'est une arnaque.",
            ].map(Template.init),
            general: [
                "La colère monte sur les réseaux sociaux et les témoignages se multiplient.",
                "Les messages de crise publiés jusqu'ici ne rassurent personne.",
                "Les associations de consommateurs demandent des comptes.",
                "La CNIL aurait été saisie, selon plusieurs médias.",
            ]
        ),
        comparisons: [
            "Je pense aussi à {b}, qui fait face aux mêmes questions.",
            "À titre de comparaison, {b} a choisi une tout autre approche.",
            "On peut rapprocher cela de ce que fait {b} depuis un an.",
        ].map(Template.init),
        titles: [
            "{b} : mon avis après six mois",
            "Ce que {b} a compris de la relation client",
            "Service client : {b} sous la loupe",
            "{b} et les réseaux sociaux, où en est-on ?",
            "Pourquoi je parle encore de {b}",
            "Retour d'expérience avec {b}",
            "{b}, la confiance à l'épreuve",
            "E-réputation : le cas {b}",
        ].map(Template.init),
        crisisTitles: [
            "{b} : la panne de trop",
            "Boycott de {b} : la colère monte",
            "Fuite de données chez {b} : ce que l'on sait",
            "{b}, une arnaque ?",
        ].map(Template.init),
        campaignTitles: [
            "{b} lance une nouvelle offre très attendue",
            "La campagne de {b} qui fait parler d'elle",
        ].map(Template.init),
        generalTitles: [
            "Relation client : le client redevient roi",
            "Gouvernance de l'information : par où commencer ?",
            "Réseaux sociaux d'entreprise, deux ans après",
            "E-réputation : écouter avant de parler",
            "Le respect, clé de la relation numérique",
        ],
        commentLeads: (
            positive: ["Merci pour ce billet, très juste.", "Tout à fait d'accord avec vous.", "Bel article, merci !"],
            negative: ["Je ne partage pas du tout cet avis.", "Désolé, mais ce n'est pas mon expérience.", "Pas d'accord."],
            neutral: ["Intéressant, mais il manque des chiffres.", "Question : avez-vous une source ?", "Merci pour le partage."]
        ),
        firstNames: [
            "Marie", "Thomas", "Camille", "Nicolas", "Julie", "Pierre", "Sophie", "Antoine", "Claire",
            "Julien", "Isabelle", "Laurent", "Nathalie", "Mathieu", "Céline", "François", "Élodie",
            "Olivier", "Sandrine", "Benoît", "Aurélie", "Guillaume", "Hélène", "Sébastien", "Chloé",
            "Romain", "Émilie", "Vincent", "Léa", "Jérôme",
        ],
        lastNames: [
            "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
            "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
            "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier", "Dupont", "Lambert",
            "Bonnet", "François", "Legrand", "Perrin",
        ],
        pseudonyms: [
            "clientdecu75", "voyageur_presse", "Marc_R", "lecteur_assidu", "JB_Lyon", "Sylvie.D",
            "conso_averti", "Nico33", "tech_et_vous", "madame_K", "abonne_depuis_2009", "Zoé_B",
        ],
        sites: [
            Site(name: "Le Blog Relation Client", host: "blog-relation-client"),
            Site(name: "Forum Conso Malin", host: "forum-conso-malin"),
            Site(name: "Les Échos du Web Client", host: "echos-web-client"),
            Site(name: "Avis de Voyageurs", host: "avis-voyageurs"),
            Site(name: "Gouvernance & Information", host: "gouvernance-information"),
            Site(name: "Le Coin des Abonnés", host: "coin-abonnes"),
            Site(name: "Social Business Hebdo", host: "social-business-hebdo"),
        ]
    )
}
