"""The Swedish example series: an invented wellbeing services county plans a training
programme on digital guidance competence in three HyvänMitta workshops. Everything here is
made up for the example; the titles say so."""

SERIES = {
    "title": "Exempel: Kompetens i digital handledning",
    "topic": "kompetens i digital handledning",
    "organisation": "Exempelby välfärdsområde (påhittat)",
}

# How the facilitator's edits are signed when their account has no name.
FACILITATOR = "Facilitator"

# None joins without a name, as some participants do.
PARTICIPANTS = ["Anna", "Mikael", "Lena", "Johan", "Sara", None]

WORKSHOPS = [
    {
        "title": "Exempel: Workshop 1 – Nuläge och behov",
        "current": "impact",
        "steps": {
            "need": {
                "hidden": True,
                "timer": 300,
                "done": True,
                "lock": True,
                "notes": {
                    "needed": [
                        "Att handleda klienten i e-tjänster på klientens egen enhet",
                        "Grunderna i datasäkerhet och stark autentisering, för att ge säkra råd",
                        "Distansmottagning: hur förtroende byggs genom en skärm",
                        "Attityd: en digital tjänst är ett sätt att hjälpa, inte ett sätt att "
                        "skjuta klienten ifrån sig",
                    ],
                    "existing": [
                        "Många har erfarenhet av Teams-möten med kolleger",
                        "Några enheter har redan digistödpersoner",
                        "Kundtjänsten känner väl till Mina Kanta-sidor och tidsbokningen",
                    ],
                    "to_develop": [
                        "Gemensamma anvisningar om när distansmottagning passar och när inte",
                        "Bedömning av klientens digitala färdigheter redan vid första besöket",
                        "Anvisningar om e-tjänsterna på lättläst svenska",
                        "Nyanställda behöver grunderna i digital handledning redan i "
                        "introduktionen",
                        "Chefer saknar sätt att stödja teamets digitala kompetens",
                    ],
                    "consequences": [
                        "Äldre och personer med svaga digitala färdigheter blir utan service",
                        "Telefonköerna växer när ingen kan använda de digitala kanalerna",
                        "Alla ger råd på sitt eget sätt och klienten får motstridiga besked",
                    ],
                    "causes": ["Tjänsterna flyttade ut på nätet snabbare än utbildningen hann med"],
                    "affected": ["Cirka 4 000 yrkespersoner i klientarbete och deras klienter"],
                    "influence": [
                        "Vår egen handledningskompetens och gemensam praxis, inte själva systemen"
                    ],
                },
            },
            "vision": {
                "vision": [
                    "Alla i klientarbetet kan handleda klienten till en digital tjänst.",
                    "År 2028 kan alla i klientarbetet handleda klienten till den digitala "
                    "tjänst som passar hen och stödja hen i att använda den. Ingen blir utan "
                    "service för att de digitala färdigheterna saknas.",
                ],
                "notes": {
                    "themes": [
                        "Digistöd hör till allas grunduppgift",
                        "Klienten väljer: digitalt eller ansikte mot ansikte",
                        "Cheferna stöder försök och lärande",
                    ],
                    "benefits": [
                        "Klienterna får service snabbare",
                        "Färre onödiga besök och samtal",
                        "Personalen känner sig kunnig och arbetet löper",
                    ],
                },
            },
            "impact": {
                "notes": {
                    "changes": [
                        "Före slutet av 2026 har 80 % av personalen i klientarbetet gått "
                        "grundmodulen",
                        "Givet digistöd antecknas i klientuppgifterna från 2027",
                        "Nöjdheten med e-tjänsterna stiger i klientresponsen",
                    ],
                },
                "themes": {
                    "themes": [
                        {
                            "title": "Att möta klienten på distans",
                            "description": "Växelverkan och förtroende genom skärmen",
                            "notes": [
                                "Att inleda och avsluta en distansmottagning",
                                "Hur jag märker att klienten inte förstår",
                            ],
                        },
                        {
                            "title": "Handledning i e-tjänster",
                            "description": "De vanligaste tjänsterna bekanta för alla",
                            "notes": [
                                "Mina Kanta-sidor och tidsbokning bekanta för alla",
                                "Klientens egen enhet och identifiering",
                            ],
                        },
                        {
                            "title": "Gemensam praxis och ledning",
                            "description": "Anvisningar, ansvar och tid att lära sig",
                            "notes": [
                                "Gemensamma anvisningar och en kontaktperson i varje enhet",
                                "Tid för lärande under arbetstid",
                            ],
                        },
                    ],
                },
                "votes": {
                    "Mina Kanta-sidor och tidsbokning bekanta för alla": 5,
                    "Tid för lärande under arbetstid": 5,
                    "Att inleda och avsluta en distansmottagning": 4,
                    "Klientens egen enhet och identifiering": 2,
                    "Gemensamma anvisningar och en kontaktperson i varje enhet": 2,
                },
            },
        },
    },
    {
        "title": "Exempel: Workshop 2 – Mål, resurser och åtgärder",
        "current": "resources",
        "steps": {
            "methods": {
                "notes": {
                    "methods": [
                        {
                            "method": "Korta videor och snabbguider",
                            "how": [
                                "Videor på 3–5 minuter om de vanligaste ärendena",
                                "En snabbguide att skriva ut åt klienten",
                            ],
                            "for_groups": ["Nyanställda", "Personal i klientarbete"],
                        },
                        {
                            "method": "Simulerad distansmottagning",
                            "how": [
                                "Övning i par, den ena spelar klient",
                                "Genomgång och respons av utbildaren",
                            ],
                            "for_groups": ["Personal i klientarbete"],
                        },
                        {
                            "method": "Nätverk för digistödpersoner",
                            "how": ["Ett distansmöte i månaden", "En gemensam frågekanal"],
                            "for_groups": ["Digistödpersoner"],
                        },
                        {
                            "method": "Coachning för chefer",
                            "how": [
                                "Två verkstäder på 1,5 timmar",
                                "Genomgång av det egna teamets kompetenskartläggning",
                            ],
                            "for_groups": ["Chefer"],
                        },
                    ],
                },
            },
            "target_groups": {
                "notes": {
                    "groups": [
                        {
                            "group": "Nyanställda",
                            "goal": "Kan handleda klienten i de vanligaste e-tjänsterna under "
                            "den första arbetsmånaden.",
                            "contents": [
                                "Introduktionsvideo",
                                "Grunderna i e-tjänster",
                                "Dataskydd i klienthandledningen",
                            ],
                            "module": "Grunderna i digital handledning",
                            "hours": "2",
                            "size": "cirka 150 per år",
                            "frequency": "i samband med introduktionen",
                        },
                        {
                            "group": "Personal i klientarbete",
                            "goal": "Kan bedöma klientens digitala färdigheter och välja en "
                            "lämplig kanal tillsammans med klienten.",
                            "contents": [
                                "Att ta upp digitala färdigheter",
                                "Växelverkan vid distansmottagning",
                                "Lättläst språk i handledningen",
                            ],
                            "module": "Digital klienthandledning",
                            "hours": "6",
                            "size": "20",
                            "frequency": "en gång om året",
                        },
                        {
                            "group": "Chefer",
                            "goal": "Stöder teamets digitala kompetens och ordnar tid för lärande.",
                            "contents": [
                                "Kompetens i utvecklingssamtalen",
                                "Att leda försök",
                            ],
                            "module": "Att leda digital kompetens",
                            "hours": "3",
                            "size": "15",
                            "frequency": "två gånger om året",
                        },
                    ],
                },
            },
            "resources": {
                "groups": [
                    {
                        "members": [0, 1, 2],
                        "chair": 0,
                        "notes": {
                            "available": [
                                "Digistödpersoner i sex enheter",
                                "Projektfinansiering för utbildningsvideor 2026",
                            ],
                            "materials": ["Det nationella digistödets utbildningsmaterial"],
                        },
                    },
                    {
                        "members": [3, 4, 5],
                        "chair": 3,
                        "notes": {
                            "available": ["En lärplattform för en webbkurs"],
                            "materials": ["Områdets egna anvisningar om e-tjänster på webben"],
                            "trainers": ["Kundtjänstens teamledare kan hålla verkstäder"],
                        },
                    },
                ],
                "notes": {
                    "trainers": ["Bibliotekets digihandledare som samarbetspartner"],
                    "costs": [
                        "Produktionen av videorna cirka 8 000 €, med projektfinansiering",
                        "Deltagarnas arbetstid: 6 h × 20 personer × 10 grupper per år",
                    ],
                },
            },
        },
    },
    {
        "title": "Exempel: Workshop 3 – Planen kompletteras och konkretiseras",
        "current": "feedback",
        "steps": {
            "schedule": {
                "notes": {
                    "short_term": [
                        {
                            "when": "September 2026",
                            "what": "Introduktionsvideorna för nyanställda klara och i bruk",
                        },
                        {
                            "when": "Oktober–november 2026",
                            "what": "Simuleringsövningar för personal i klientarbete i två "
                            "pilotenheter",
                        },
                    ],
                    "long_term": [
                        {"when": "2027", "what": "En webbkurs för all personal i klientarbete"},
                        {"when": "Våren 2027", "what": "Coachning för chefer i alla områden"},
                        {
                            "when": "2028",
                            "what": "Utvärdering av effekterna och uppdatering av planen",
                        },
                    ],
                },
            },
            "responsibilities": {
                "notes": {
                    "tasks": [
                        {
                            "task": "Manus och inspelning av videorna",
                            "owner": "Kommunikationen och digistödpersonerna",
                            "deadline": "31.8.2026",
                        },
                        {
                            "task": "Planering av simuleringsövningarna för personal i "
                            "klientarbete",
                            "owner": "Utbildningsplanerare",
                            "deadline": "30.9.2026",
                        },
                        {
                            "task": "Att ordna coachningen för chefer",
                            "owner": "Personaltjänster",
                            "deadline": "31.12.2026",
                        },
                    ],
                },
            },
            "results": {
                "timer": 600,
                "notes": {
                    "short_term_results": [
                        "Personalen upplever att de kan handleda klienter i e-tjänster"
                    ],
                    "long_term_impact": [
                        "Bristande digitala färdigheter hindrar inte längre tillgången till service"
                    ],
                },
            },
            "indicators": {
                "notes": {
                    "participation": [
                        {
                            "indicator": "Andelen utbildad personal per enhet",
                            "source": "Utbildningsregistret",
                            "who": "Utbildningsplanerare",
                            "when": "Varje kvartal",
                        },
                    ],
                    "quality": [
                        {
                            "indicator": "Deltagarrespons på skalan 1–5",
                            "source": "Responsenkät i slutet av utbildningen",
                            "who": "Utbildarna",
                            "when": "Efter varje utbildning",
                        },
                    ],
                    "effectiveness": [
                        {
                            "indicator": "Kompetenskartläggning före och efter utbildningen",
                            "source": "Kompetenskartläggning",
                            "who": "Chefer",
                            "when": "Före utbildningen och ett halvår senare",
                        },
                        {
                            "indicator": "Andelen e-ärenden och klientnöjdheten",
                            "source": "Kundrespons och statistik över e-ärenden",
                            "who": "Utvecklingsenheten",
                            "when": "En gång om året",
                        },
                    ],
                    "costs": [
                        {
                            "indicator": "Utbildningens kostnader per deltagare",
                            "source": "Ekonomiuppföljning och arbetstidsregistrering",
                            "who": "Controller",
                            "when": "I samband med bokslutet",
                        },
                    ],
                },
            },
            "follow_up": {
                "notes": {
                    "monitoring": ["Styrgruppen följer genomförandet varje kvartal"],
                    "open_questions": [
                        "Skrivs digistödet in i arbetsbeskrivningarna? Ledningen beslutar"
                    ],
                    "next_steps": ["Planen skickas till enheterna för kommentarer i maj"],
                    "validity": ["Gäller 2026–2027 och uppdateras varje höst"],
                    "other_plans": ["En del av personalplanen och planen för kompetensutveckling"],
                    "approval": ["Ledningsgruppen godkänner planen i juni 2026"],
                },
            },
            "feedback": {
                "done": True,
                "ratings": [
                    (5, "Tydlig struktur, och min röst hördes."),
                    (4, "Smågrupperna kunde ha fått mer tid."),
                    (5, ""),
                    (4, "Bra att alla såg resultaten genast."),
                    (3, "Jag hade velat diskutera före omröstningen."),
                    (5, "Årets bästa distansworkshop!"),
                ],
            },
        },
    },
]
