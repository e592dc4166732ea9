"""The Finnish example series: an invented wellbeing services county plans a training
programme on digital guidance competence in three HyvänMitta workshops. Everything here is
made up for the example; the titles say so."""

SERIES = {
    "title": "Esimerkki: Digitaalisen ohjauksen osaaminen",
    "topic": "digitaalisen ohjauksen osaaminen",
    "organisation": "Esimerkkilän hyvinvointialue (keksitty)",
}

# How the facilitator's edits are signed when their account has no name.
FACILITATOR = "Fasilitaattori"

# None joins without a name, as some participants do.
PARTICIPANTS = ["Aino", "Mikko", "Leena", "Juha", "Sanna", None]

WORKSHOPS = [
    {
        "title": "Esimerkki: Työpaja 1 – Nykytila ja tarpeet",
        "current": "impact",
        "steps": {
            "need": {
                "hidden": True,
                "timer": 300,
                "done": True,
                "lock": True,
                "notes": {
                    "needed": [
                        "Taito ohjata asiakas sähköiseen asiointiin hänen omalla laitteellaan",
                        "Tietoturvan ja vahvan tunnistautumisen perusteet, jotta osaa neuvoa "
                        "turvallisesti",
                        "Etävastaanoton vuorovaikutus: miten luottamus syntyy ruudun välityksellä",
                        "Asenne: digitaalinen palvelu on yksi tapa auttaa, ei tapa siirtää "
                        "asiakas pois",
                    ],
                    "existing": [
                        "Monella on kokemusta Teams-tapaamisista kollegoiden kanssa",
                        "Digitukihenkilöitä on jo muutamassa yksikössä",
                        "Asiakaspalvelussa tunnetaan hyvin Omakanta ja sähköinen ajanvaraus",
                    ],
                    "to_develop": [
                        "Yhteiset ohjeet siitä, milloin etävastaanotto sopii ja milloin ei",
                        "Uudet työntekijät tarvitsevat digiohjauksen perusteet jo perehdytyksessä",
                        "Esihenkilöiltä puuttuu keinoja tukea tiimin digiosaamista",
                        "Asiakkaan digitaitojen arviointi jo ensikäynnillä",
                        "Selkokieliset ohjeet sähköisiin palveluihin",
                    ],
                    "consequences": [
                        "Ikääntyneet ja heikosti digitaitoiset jäävät palvelujen ulkopuolelle",
                        "Puhelinjonot pitenevät, kun sähköisiä kanavia ei osata käyttää",
                        "Jokainen neuvoo omalla tavallaan, ja asiakas saa ristiriitaista tietoa",
                    ],
                    "causes": ["Palvelut siirtyivät verkkoon nopeammin kuin koulutus ehti mukaan"],
                    "affected": ["Noin 4 000 asiakastyön ammattilaista ja heidän asiakkaansa"],
                    "influence": [
                        "Omaan ohjausosaamiseen ja yhteisiin käytäntöihin, emme itse järjestelmiin"
                    ],
                },
            },
            "vision": {
                "vision": [
                    "Jokainen asiakastyötä tekevä osaa ohjata asiakkaan digitaaliseen palveluun.",
                    "Vuonna 2028 jokainen asiakastyötä tekevä osaa ohjata asiakkaan hänelle "
                    "sopivaan digitaaliseen palveluun ja tukea häntä sen käytössä. Kukaan ei jää "
                    "palvelun ulkopuolelle digitaitojen puutteen vuoksi.",
                ],
                "notes": {
                    "themes": [
                        "Digituki kuuluu jokaisen perustehtävään",
                        "Asiakas valitsee: digitaalisesti tai kasvokkain",
                        "Esihenkilöt tukevat kokeiluja ja oppimista",
                    ],
                    "benefits": [
                        "Asiakkaat saavat palvelun nopeammin",
                        "Vähemmän turhia käyntejä ja puheluita",
                        "Työntekijät kokevat osaavansa, ja työ sujuu",
                    ],
                },
            },
            "impact": {
                "notes": {
                    "changes": [
                        "Vuoden 2026 loppuun mennessä 80 % asiakastyöntekijöistä on käynyt "
                        "perusosion",
                        "Digituen antaminen kirjataan asiakastietoihin vuoden 2027 alusta",
                        "Tyytyväisyys sähköiseen asiointiin nousee asiakaspalautteessa",
                    ],
                },
                "themes": {
                    "themes": [
                        {
                            "title": "Asiakkaan kohtaaminen etänä",
                            "description": "Vuorovaikutus ja luottamus ruudun välityksellä",
                            "notes": [
                                "Etävastaanoton aloitus ja lopetus",
                                "Miten huomaan, ettei asiakas ymmärrä",
                            ],
                        },
                        {
                            "title": "Sähköisten palvelujen ohjaus",
                            "description": "Yleisimmät asioinnit tutuiksi kaikille",
                            "notes": [
                                "Omakanta ja ajanvaraus tutuiksi kaikille",
                                "Asiakkaan oma laite ja tunnistautuminen",
                            ],
                        },
                        {
                            "title": "Yhteiset käytännöt ja johtaminen",
                            "description": "Ohjeet, vastuut ja aika oppimiselle",
                            "notes": [
                                "Yhteiset ohjeet ja vastuuhenkilö joka yksikköön",
                                "Aikaa oppimiselle työajalla",
                            ],
                        },
                    ],
                },
                "votes": {
                    "Omakanta ja ajanvaraus tutuiksi kaikille": 5,
                    "Aikaa oppimiselle työajalla": 5,
                    "Etävastaanoton aloitus ja lopetus": 4,
                    "Asiakkaan oma laite ja tunnistautuminen": 2,
                    "Yhteiset ohjeet ja vastuuhenkilö joka yksikköön": 2,
                },
            },
        },
    },
    {
        "title": "Esimerkki: Työpaja 2 – Tavoitteet, resurssit ja toimenpiteet",
        "current": "resources",
        "steps": {
            "methods": {
                "notes": {
                    "methods": [
                        {
                            "method": "Lyhyet videot ja pikaohjeet",
                            "how": [
                                "3–5 minuutin videot yleisimmistä asioinneista",
                                "Tulostettava pikaohje asiakkaalle",
                            ],
                            "for_groups": ["Uudet työntekijät", "Asiakastyötä tekevät"],
                        },
                        {
                            "method": "Etävastaanoton simulaatioharjoitus",
                            "how": [
                                "Harjoitus pareittain, toinen on asiakkaana",
                                "Purku ja palaute kouluttajalta",
                            ],
                            "for_groups": ["Asiakastyötä tekevät"],
                        },
                        {
                            "method": "Digitukihenkilöiden verkosto",
                            "how": ["Kuukausittainen etätapaaminen", "Yhteinen kysymyskanava"],
                            "for_groups": ["Digitukihenkilöt"],
                        },
                        {
                            "method": "Esihenkilöiden valmennus",
                            "how": [
                                "Kaksi 1,5 tunnin työpajaa",
                                "Oman tiimin osaamiskartoituksen läpikäynti",
                            ],
                            "for_groups": ["Esihenkilöt"],
                        },
                    ],
                },
            },
            "target_groups": {
                "notes": {
                    "groups": [
                        {
                            "group": "Uudet työntekijät",
                            "goal": "Osaa ohjata asiakkaan yleisimpiin sähköisiin palveluihin "
                            "ensimmäisen työkuukauden aikana.",
                            "contents": [
                                "Perehdytysvideo",
                                "Sähköisen asioinnin perusteet",
                                "Tietosuoja asiakasohjauksessa",
                            ],
                            "module": "Digiohjauksen perusteet",
                            "hours": "2",
                            "size": "noin 150 vuodessa",
                            "frequency": "perehdytyksen yhteydessä",
                        },
                        {
                            "group": "Asiakastyötä tekevät",
                            "goal": "Osaa arvioida asiakkaan digitaidot ja valita hänen kanssaan "
                            "sopivan palvelukanavan.",
                            "contents": [
                                "Digitaitojen puheeksiotto",
                                "Etävastaanoton vuorovaikutus",
                                "Selkokieli ohjauksessa",
                            ],
                            "module": "Digitaalinen asiakasohjaus",
                            "hours": "6",
                            "size": "20",
                            "frequency": "kerran vuodessa",
                        },
                        {
                            "group": "Esihenkilöt",
                            "goal": "Tukee tiimin digiosaamista ja järjestää aikaa oppimiselle.",
                            "contents": [
                                "Osaaminen kehityskeskusteluissa",
                                "Kokeilujen johtaminen",
                            ],
                            "module": "Digiosaamisen johtaminen",
                            "hours": "3",
                            "size": "15",
                            "frequency": "kahdesti vuodessa",
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
                                "Digitukihenkilöt kuudessa yksikössä",
                                "Hankerahoitus koulutusvideoihin vuodelle 2026",
                            ],
                            "materials": ["Kansallisen digituen koulutusmateriaalit"],
                        },
                    },
                    {
                        "members": [3, 4, 5],
                        "chair": 3,
                        "notes": {
                            "available": ["Oppimisalusta, jolle verkkokurssin voi rakentaa"],
                            "materials": ["Alueen omat asiointiohjeet verkkosivuilla"],
                            "trainers": ["Asiakaspalvelun tiiminvetäjä voi pitää pajoja"],
                        },
                    },
                ],
                "notes": {
                    "trainers": ["Kirjaston digiopastajat yhteistyökumppaneiksi"],
                    "costs": [
                        "Videoiden tuotanto noin 8 000 €, hankerahoituksesta",
                        "Osallistujien työaika: 6 h × 20 hlöä × 10 ryhmää vuodessa",
                    ],
                },
            },
        },
    },
    {
        "title": "Esimerkki: Työpaja 3 – Suunnitelman täydentäminen ja konkretisointi",
        "current": "feedback",
        "steps": {
            "schedule": {
                "notes": {
                    "short_term": [
                        {
                            "when": "Syyskuu 2026",
                            "what": "Perehdytysvideot uusille työntekijöille valmiiksi ja käyttöön",
                        },
                        {
                            "when": "Loka–marraskuu 2026",
                            "what": "Simulaatioharjoitukset asiakastyötä tekeville kahdessa "
                            "pilottiyksikössä",
                        },
                    ],
                    "long_term": [
                        {"when": "2027", "what": "Verkkokurssi kaikille asiakastyötä tekeville"},
                        {
                            "when": "Kevät 2027",
                            "what": "Esihenkilöiden valmennus kaikilla alueilla",
                        },
                        {"when": "2028", "what": "Vaikutusten arviointi ja suunnitelman päivitys"},
                    ],
                },
            },
            "responsibilities": {
                "notes": {
                    "tasks": [
                        {
                            "task": "Videoiden käsikirjoitus ja kuvaus",
                            "owner": "Viestintä ja digitukihenkilöt",
                            "deadline": "31.8.2026",
                        },
                        {
                            "task": "Asiakastyötä tekevien simulaatioharjoitusten suunnittelu",
                            "owner": "Koulutussuunnittelija",
                            "deadline": "30.9.2026",
                        },
                        {
                            "task": "Esihenkilöiden valmennuksen järjestäminen",
                            "owner": "Henkilöstöpalvelut",
                            "deadline": "31.12.2026",
                        },
                    ],
                },
            },
            "results": {
                "timer": 600,
                "notes": {
                    "short_term_results": [
                        "Työntekijät kokevat osaavansa ohjata asiakasta sähköisiin palveluihin"
                    ],
                    "long_term_impact": ["Digitaitojen puute ei enää estä palvelun saamista"],
                },
            },
            "indicators": {
                "notes": {
                    "participation": [
                        {
                            "indicator": "Koulutukseen osallistuneiden osuus yksiköittäin",
                            "source": "Koulutusrekisteri",
                            "who": "Koulutussuunnittelija",
                            "when": "Neljännesvuosittain",
                        }
                    ],
                    "quality": [
                        {
                            "indicator": "Osallistujapalaute asteikolla 1–5",
                            "source": "Palautekysely koulutuksen lopussa",
                            "who": "Kouluttajat",
                            "when": "Jokaisen koulutuksen jälkeen",
                        }
                    ],
                    "effectiveness": [
                        {
                            "indicator": "Osaamiskartoitus ennen koulutusta ja sen jälkeen",
                            "source": "Osaamiskartoitus",
                            "who": "Esihenkilöt",
                            "when": "Ennen koulutusta ja puolen vuoden kuluttua",
                        },
                        {
                            "indicator": "Sähköisen asioinnin osuus ja asiakastyytyväisyys",
                            "source": "Asiakaspalaute ja asiointitilastot",
                            "who": "Kehittämisyksikkö",
                            "when": "Kerran vuodessa",
                        },
                    ],
                    "costs": [
                        {
                            "indicator": "Koulutuksen kustannukset osallistujaa kohden",
                            "source": "Talousseuranta ja työaikakirjaukset",
                            "who": "Controller",
                            "when": "Tilinpäätöksen yhteydessä",
                        }
                    ],
                },
            },
            "follow_up": {
                "notes": {
                    "monitoring": ["Ohjausryhmä seuraa toteutusta neljännesvuosittain"],
                    "open_questions": ["Kirjataanko digituki tehtävänkuviin? Päätös johtoryhmältä"],
                    "next_steps": ["Suunnitelma yksiköiden kommentoitavaksi toukokuussa"],
                    "validity": ["Voimassa 2026–2027, päivitetään kerran vuodessa syksyllä"],
                    "other_plans": [
                        "Osa henkilöstösuunnitelmaa ja osaamisen kehittämisen suunnitelmaa"
                    ],
                    "approval": ["Johtoryhmä hyväksyy suunnitelman kesäkuussa 2026"],
                },
            },
            "feedback": {
                "done": True,
                "ratings": [
                    (5, "Selkeä rakenne, ja oma ääni kuului."),
                    (4, "Pienryhmille olisi saanut olla enemmän aikaa."),
                    (5, ""),
                    (4, "Hyvä, että tulokset näkyivät heti kaikille."),
                    (3, "Olisin halunnut keskustella ennen äänestystä."),
                    (5, "Paras etätyöpaja tänä vuonna!"),
                ],
            },
        },
    },
]
