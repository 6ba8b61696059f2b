extension Phrasebook {
    static let spanish = Phrasebook(
        lang: "es",
        positive: Tone(
            branded: [
                "Nunca tuve ningún problema con {b}.",
                "El servicio de atención de {b} respondió rápido y bien.",
                "Estoy muy satisfecho con {b}.",
                "Recomiendo {b} sin dudarlo.",
                "La nueva aplicación de {b} es realmente cómoda.",
            ].map(Template.init),
            general: [
                "Así debería ser siempre la atención al cliente.",
                "Se nota que escuchan de verdad.",
                "Rápidos, amables y sin respuestas enlatadas.",
                "No tengo nada que reprochar.",
                "Incluso me escribieron después para saber si todo estaba bien.",
                "Sinceramente, no esperaba tanta atención.",
            ]
        ),
        negative: Tone(
            branded: [
                "No estoy nada satisfecho con {b}.",
                "Sigo esperando una respuesta de {b} después de tres reclamaciones.",
                "{b} me cobró dos veces el mismo mes.",
                "No recomiendo {b} a nadie.",
                "Es imposible hablar con una persona en {b}.",
            ].map(Template.init),
            general: [
                "Nadie parece escuchar a los clientes.",
                "Las respuestas automáticas no resuelven nada.",
                "Decepcionante, y no soy el único que lo piensa.",
                "La confianza perdida cuesta mucho recuperarla.",
                "Tres llamadas, tres respuestas distintas.",
                "Desde luego, no pienso renovar.",
            ]
        ),
        neutral: Tone(
            branded: [
                "{b} presentó una nueva estrategia en redes sociales.",
                "He comparado las ofertas de {b} con las de la competencia.",
                "{b} publica cada trimestre cifras sobre reclamaciones.",
                "Un responsable de {b} habló el martes en la conferencia.",
                "{b} prueba un nuevo canal de contacto por mensajería.",
            ].map(Template.init),
            general: [
                "La relación con el cliente ya se juega en público.",
                "El debate sigue abierto entre los profesionales.",
                "La gobernanza de la información llega a los comités de dirección.",
                "Habrá que esperar unos meses para medir los efectos.",
                "Las encuestas solo cuentan una parte de la historia.",
                "La conservación de los datos sigue siendo una incógnita.",
                "Los analistas siguen de cerca estas tendencias.",
            ]
        ),
        crisis: Tone(
            branded: [
                "Se multiplican los llamamientos al boicot contra {b}.",
                "Otra avería en {b}, miles de clientes afectados desde esta mañana.",
                "{b} confirma una fuga de datos de sus clientes.",
                "Muchos hablan de estafa tras las últimas facturas de {b}.",
            ].map(Template.init),
            general: [
                "El enfado crece en las redes sociales.",
                "Las asociaciones de consumidores piden explicaciones.",
            ]
        ),
        comparisons: [
            "También {b} se enfrenta a las mismas preguntas.",
        ].map(Template.init),
        titles: [
            "{b}: mi opinión después de seis meses",
            "La atención al cliente de {b}, a examen",
            "{b} y las redes sociales",
        ].map(Template.init),
        crisisTitles: [
            "Fuga de datos en {b}: lo que sabemos",
            "¿Boicot a {b}?",
        ].map(Template.init),
        campaignTitles: [
            "{b} lanza una oferta muy esperada",
        ].map(Template.init),
        generalTitles: [
            "La relación con el cliente es un diálogo",
            "Gobernanza de la información: por dónde empezar",
        ],
        commentLeads: (
            positive: ["Gracias por el artículo.", "Totalmente de acuerdo."],
            negative: ["No estoy nada de acuerdo.", "No es mi experiencia."],
            neutral: ["Interesante, ¿hay cifras?", "Gracias por compartir."]
        ),
        firstNames: ["Pablo", "Lucía", "Javier", "María", "Carlos", "Elena", "Diego", "Carmen", "Sergio", "Laura"],
        lastNames: ["García", "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Ruiz", "Díaz", "Moreno"],
        pseudonyms: ["viajero_frecuente", "cliente_harto", "tecno_mirada"],
        sites: [
            Site(name: "La Voz del Cliente", host: "voz-del-cliente"),
            Site(name: "Clientes Conectados", host: "clientes-conectados"),
        ]
    )
}
