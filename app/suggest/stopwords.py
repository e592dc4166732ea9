"""Words that never name a theme nor tell one note from another: function words, and the
generic words of workshop talk ("asia", "hyvä", "tarvita"). Base forms, lower-case; the
analysers lemmatise before they look here. Generic words that depend on the workshop
("koulutus" in a training workshop) are left to document frequency (engine.py)."""

FI = frozenset(
    """
    ja tai sekä mutta vaan kun jos että koska vaikka kuin niin myös sitten nyt vielä jo aina
    usein joskus ei en et emme ette eivät olla ei ole on oli olisi ollut tulla saada tehdä
    voida pitää täytyä tarvita haluta mennä antaa käydä jäädä alkaa lähteä päästä ottaa
    se ne tämä nämä tuo nuo joka mikä kuka minä sinä hän me te he itse oma jokin joku mikään
    kukaan kaikki jokainen muu moni usea toinen sama eri tällainen sellainen kaikki
    asia juttu hyvä huono paljon paljo vähän liika liian enemmän enempi vähemmän hyvin
    todella tosi aika melko erittäin kovin ihan aivan vain ainoa lisää lisä tapa osa kohta
    kanssa kautta mukaan jälkeen ennen aikana välillä yli alle ilman luona puolesta varten
    miten miksi missä mitä milloin mihin mistä mm esim eli yms jne ym kpl
    uusi vanha iso pieni suuri parempi paras tärkeä selkeä selvä yhteinen kaikki koko
    saada pystyä yrittää katsoa nähdä ajatella tuntua kokea olo tilanne kerta vuosi päivä
    viikko kuukausi nyt kyllä ehkä esimerkiksi yleensä kuitenkin siis kai toki mm
    ajan käyttö käyttää oo ois pitäis niinku vaan eikä osata lisätä
    """.split()
)

SV = frozenset(
    """
    och eller men utan att som när om för med av på i till från till över under efter före
    mellan genom hos vid mot inom utom kring bland är var vara bli blir blev ha har hade
    kunna kan kunde ska skulle vilja vill måste behöva behöver få får göra gör gjorde gå
    komma ta ge se säga finnas finns det den de detta denna dessa jag du han hon vi ni man
    sig sin sitt sina vår vårt våra er ert deras alla allt all några någon något inget ingen
    mycket lite mer mest mindre fler flera många få bra dålig bättre bäst god stor liten ny
    gammal egen samma annan andra olika hela sak saker grej sätt typ också även bara redan
    nu då sedan alltid ofta ibland inte aldrig ju väl så här där hur varför vad vem vilken
    ganska väldigt mycket viktig viktigt tydlig gemensam tid gång år dag vecka t.ex. bl.a.
    osv etc exempel exempelvis kanske dock alltså
    ska skall skola upp igen nåt sån använda känna finnas t.ex
    """.split()
)

EN = frozenset(
    """
    a an the and or but if when that than then so as of in on at to from by for with about
    into over under after before between through without is are was were be been being have
    has had do does did can could will would shall should may might must need get got make
    made go take give see say it its this these those there here i you he she we they me us
    them my our your their all any some more most less few many much very really quite just
    also too only not no yes good bad better best great new old big small same other
    different own thing things stuff way lot lots time times day week year how why what who
    which where e.g. etc example important clear
    """.split()
)

STOPWORDS = {"fi": FI, "sv": SV, "en": EN}
