"""A generated corpus of HTML pages in the legacy encodings of many scripts, in UTF-8 and in UTF-16, each
declared right, with another label the WHATWG Encoding Standard lists, not at all, and wrongly.

Every text here is invented for these tests: a headline and three paragraphs a language, written so that
each language's letters outside ASCII occur (a detector has something to go on, as on a real page).
`pages()` gives each page with its bytes, its declaration state and its article; a reader must give back the
headline and the paragraphs exactly, whatever the encoding and however it was declared."""
from __future__ import annotations

import html
from dataclasses import dataclass


@dataclass(frozen=True)
class Article:
    language: str
    host: str  # the site's host: its country-code domain is a signal a browser uses too
    encodings: tuple[str, ...]  # the legacy encodings this language was written in (the Standard's names)
    title: str
    paragraphs: tuple[str, ...]


ARTICLES = (
    Article("fr", "journal-du-port.fr", ("windows-1252", "iso-8859-15"),
            "Les éleveurs de Haute-Loire inquiets après un été très sec",
            ("Dans les fermes du plateau, l'herbe a jauni dès la mi-juillet et les réserves de foin sont déjà "
             "entamées. « On n'a jamais vu ça depuis 2003 », confie une éleveuse de vaches laitières, qui a dû "
             "vendre une partie de son troupeau.",
             "La chambre d'agriculture réclame une aide d'urgence et un allègement des cotisations. Le préfet a "
             "promis d'étudier la demande, mais rappelle que les crédits de l'État sont limités cette année.",
             "À l'automne, les éleveurs espèrent des pluies régulières. Sans elles, beaucoup devront acheter du "
             "fourrage à prix d'or, voire cesser leur activité avant l'hiver.")),
    Article("de", "stadtanzeiger-nord.de", ("windows-1252",),
            "Bürger stimmen über neue Straßenbahnlinie ab",
            ("Am Sonntag entscheiden die Bürgerinnen und Bürger über den Bau einer Straßenbahnlinie durch die "
             "Südstadt. Befürworter versprechen kürzere Wege zur Arbeit, Gegner fürchten jahrelange Baustellen.",
             "Die Stadtwerke schätzen die Kosten auf rund 180 Millionen Euro, wovon Bund und Land den größten "
             "Teil übernehmen würden. Für die Anwohner der Hauptstraße bedeutete das drei Jahre Lärm.",
             "Das Ergebnis der Abstimmung soll noch am Sonntagabend im Rathaus verkündet werden. Bei einer "
             "Mehrheit für das Projekt könnten die Bauarbeiten schon im nächsten Frühjahr beginnen.")),
    Article("pl", "gazeta-pomorska-wiadomosci.pl", ("windows-1250", "iso-8859-2"),
            "Rybacy z Helu żądają pomocy po złym sezonie",
            ("Tegoroczny sezon połowowy okazał się najgorszy od dziesięciu lat. Rybacy z Helu mówią, że w "
             "sieciach jest coraz mniej dorszy, a ceny paliwa wciąż rosną.",
             "Przedstawiciele związku zawodowego spotkali się w czwartek z wojewodą. Żądają rekompensat i "
             "zmiany przepisów dotyczących kwot połowowych na Bałtyku.",
             "Wojewoda obiecał przekazać postulaty do ministerstwa. Decyzja ma zapaść przed końcem września, "
             "kiedy zaczyna się jesienny okres ochronny.")),
    Article("cs", "jihoceske-zpravy.cz", ("windows-1250",),
            "Obyvatelé Písku se přou o novou lávku přes řeku",
            ("Městské zastupitelstvo v úterý schválilo stavbu nové lávky pro pěší přes Otavu. Část obyvatel "
             "však tvrdí, že lávka naruší pohled na historický Kamenný most.",
             "Podle radnice bude stavba stát přibližně čtyřicet milionů korun a dokončena má být do dvou let. "
             "Odpůrci sbírají podpisy pod petici a žádají referendum.",
             "Starosta uvedl, že projekt prošel všemi posudky a že o vzhledu lávky rozhodla veřejná "
             "architektonická soutěž, které se zúčastnilo dvanáct ateliérů.")),
    Article("hu", "alfoldi-hirek.hu", ("iso-8859-2",),
            "Új buszjáratok indulnak a megyeszékhelyen",
            ("Szeptembertől három új helyi buszjárat indul a város külső kerületeibe. A közlekedési vállalat "
             "szerint a járatok reggel és délután sűrűbben közlekednek majd.",
             "Az önkormányzat a beruházást uniós forrásból finanszírozza, összesen huszonkét új, alacsony "
             "padlós busz érkezik. A régi járműveket fokozatosan kivonják a forgalomból.",
             "A lakók üdvözölték a döntést, de többen kérték, hogy hétvégén is legyen esti járat a kórház "
             "felé. A vállalat ígérete szerint ezt ősszel megvizsgálják.")),
    Article("tr", "ege-gazetesi-haber.com.tr", ("windows-1254",),
            "İzmir'de belediye yeni parkın açılışını yaptı",
            ("Belediye başkanı, Karşıyaka'da yeni düzenlenen parkın açılışını cumartesi günü yaptı. Parkta "
             "çocuk oyun alanları, bisiklet yolu ve geniş yeşil alanlar bulunuyor.",
             "Açılış törenine katılan mahalle sakinleri, uzun süredir böyle bir alan beklediklerini söyledi. "
             "Projenin maliyeti yaklaşık on iki milyon lira olarak açıklandı.",
             "Belediye, önümüzdeki yıl ilçede üç park daha yapmayı planlıyor. Ağaçlandırma çalışmalarına "
             "sonbaharda başlanacağı belirtildi.")),
    Article("ru", "vecherniy-gorod-novosti.ru", ("windows-1251", "koi8-r", "ibm866"),
            "В Самаре открыли отремонтированную набережную",
            ("После двух лет ремонта в Самаре открыли обновлённую набережную Волги. Горожан ждут новые "
             "велодорожки, скамейки и освещение вдоль всей реки.",
             "По словам мэра, на работы потратили около восьмисот миллионов рублей. Строители заменили "
             "старые лестницы и укрепили берег, который размывало весенними паводками.",
             "В первые выходные на набережную пришли тысячи жителей. Многие говорят, что теперь здесь "
             "приятно гулять даже поздним вечером.")),
    Article("uk", "lvivski-visti-shchodnia.ua", ("windows-1251", "koi8-u"),
            "У Львові відкрили нову бібліотеку для дітей",
            ("У четвер у центрі Львова відкрили сучасну дитячу бібліотеку. Її облаштували в історичній "
             "будівлі, яку ремонтували майже три роки.",
             "У бібліотеці є читальна зала, кімната для настільних ігор і невеликий кінозал. Книжки для "
             "фонду передали видавництва та мешканці міста.",
             "Директорка закладу розповіла, що щосуботи тут проводитимуть читання для малюків і зустрічі з "
             "українськими письменниками.")),
    Article("el", "eidiseis-thessalias.gr", ("windows-1253", "iso-8859-7"),
            "Νέο λιμάνι για τα αλιευτικά σκάφη στον Βόλο",
            ("Ο δήμος του Βόλου ανακοίνωσε την κατασκευή νέου λιμανιού για τα μικρά αλιευτικά σκάφη. Οι "
             "εργασίες θα ξεκινήσουν τον Οκτώβριο και θα διαρκέσουν περίπου δύο χρόνια.",
             "Οι ψαράδες της περιοχής ζητούσαν εδώ και χρόνια έναν ασφαλή χώρο για τα καΐκια τους, κυρίως "
             "τους χειμερινούς μήνες με τους δυνατούς ανέμους.",
             "Το έργο χρηματοδοτείται από ευρωπαϊκά κονδύλια και θα περιλαμβάνει επίσης χώρο για την "
             "πώληση φρέσκων ψαριών στους κατοίκους.")),
    Article("he", "hadashot-hagalil.co.il", ("windows-1255",),
            "עיריית חיפה תפתח גן ציבורי חדש בשכונת הדר",
            ("עיריית חיפה הודיעה השבוע כי גן ציבורי חדש ייפתח בשכונת הדר בחודש הבא. בגן יהיו מתקני "
             "משחקים לילדים, ספסלים ושבילי הליכה מוצלים.",
             "לדברי ראש העירייה, הגן נבנה לבקשת התושבים, שהתלוננו במשך שנים על מחסור בשטחים ירוקים "
             "בשכונה. עלות הפרויקט מוערכת בשמונה מיליון שקלים.",
             "התושבים מקווים שהגן יהפוך למקום מפגש לכל המשפחה, ושהעירייה תמשיך לשפץ את הרחובות "
             "הסמוכים.")),
    Article("ar", "akhbar-al-madina-alyawm.com", ("windows-1256",),
            "افتتاح مكتبة عامة جديدة في وسط المدينة",
            ("افتتحت البلدية يوم الخميس مكتبة عامة جديدة في وسط المدينة، تضم أكثر من عشرين ألف كتاب "
             "باللغتين العربية والإنجليزية، إضافة إلى قاعة للمطالعة.",
             "وقال رئيس البلدية إن المكتبة ستفتح أبوابها يوميا حتى الساعة العاشرة مساء، وإنها ستنظم "
             "ورشات للأطفال والشباب في عطلة نهاية الأسبوع.",
             "ورحب السكان بالمشروع، مؤكدين أن المدينة كانت بحاجة إلى مكان هادئ للقراءة والدراسة.")),
    Article("ja", "chiiki-shimbun.jp", ("shift_jis", "euc-jp", "iso-2022-jp"),
            "商店街に新しい図書コーナーが誕生",
            ("駅前の商店街に、誰でも自由に本を読める小さな図書コーナーが誕生しました。空き店舗を改装し、"
             "地域の人たちが持ち寄った本が並んでいます。",
             "運営する商店会の会長は「買い物のついでに立ち寄って、ゆっくり過ごしてほしい」と話しています。"
             "週末には子ども向けの読み聞かせ会も開かれる予定です。",
             "開設初日には多くの親子連れが訪れ、絵本を手に取って楽しんでいました。")),
    Article("zh", "chengshi-ribao.cn", ("gbk", "gb18030"),
            "市区新建三座口袋公园方便居民休闲",
            ("今年夏天，市区新建的三座口袋公园陆续向市民开放。公园面积虽然不大，但绿树成荫，设有座椅和"
             "儿童游乐设施。",
             "附近居民表示，以前下班后没有合适的地方散步，现在走几分钟就能到公园，非常方便。",
             "园林部门负责人介绍，明年还将在老城区建设更多这样的小公园，让绿色空间走进每一个社区。")),
    Article("zh-Hant", "taibei-shequ-xinwen.tw", ("big5",),
            "社區圖書館延長開放時間受到歡迎",
            ("從下個月開始，社區圖書館將在週末延長開放時間到晚上九點。館長表示，這項決定是根據讀者的"
             "意見而作出的。",
             "許多學生希望在考試前有更多讀書的地方，上班族也希望週末能借閱新書。圖書館還將增設兒童閱讀區。",
             "居民普遍對這項改變表示歡迎，認為有助於營造良好的閱讀風氣。")),
    Article("ko", "jiyeok-sinmun.kr", ("euc-kr",),
            "시청 앞 광장에서 주말 농산물 장터 열려",
            ("이번 주말 시청 앞 광장에서 지역 농민들이 참여하는 농산물 장터가 열렸습니다. 신선한 채소와 "
             "과일을 저렴한 가격에 살 수 있어 많은 시민들이 찾았습니다.",
             "장터를 기획한 시 관계자는 농민과 소비자가 직접 만날 수 있는 기회를 늘리겠다고 말했습니다.",
             "시는 다음 달부터 매주 토요일마다 장터를 정기적으로 운영할 계획입니다.")),
    Article("th", "khao-thongthin.co.th", ("windows-874",),
            "เทศบาลเปิดสวนสาธารณะแห่งใหม่ริมแม่น้ำ",
            ("เมื่อวันเสาร์ที่ผ่านมา เทศบาลได้เปิดสวนสาธารณะแห่งใหม่ริมแม่น้ำ ภายในสวนมีทางเดิน ลานออกกำลังกาย "
             "และพื้นที่สำหรับเด็ก",
             "นายกเทศมนตรีกล่าวว่า สวนแห่งนี้สร้างขึ้นตามความต้องการของประชาชนในพื้นที่ ซึ่งขาดพื้นที่สีเขียวมานาน",
             "ประชาชนจำนวนมากเดินทางมาเที่ยวชมในวันแรก และหวังว่าเทศบาลจะดูแลรักษาความสะอาดอย่างต่อเนื่อง")),
    Article("lt", "kauno-naujienos-kasdien.lt", ("windows-1257",),
            "Kaune atnaujinta senamiesčio aikštė",
            ("Po dvejų metų darbų Kauno senamiestyje vėl atidaryta atnaujinta Rotušės aikštė. Joje įrengti "
             "nauji suoliukai, apšvietimas ir fontanas.",
             "Savivaldybės atstovai teigia, kad rekonstrukcija kainavo beveik šešis milijonus eurų. Dalį lėšų "
             "skyrė Europos Sąjunga.",
             "Gyventojai džiaugiasi, kad aikštėje vėl galės vykti koncertai ir mugės, kaip buvo prieš "
             "rekonstrukciją.")),
)

# Another label the Encoding Standard lists for the same encoding (none for gb18030: it has one label)
OTHER_LABELS = {"windows-1252": "latin1", "iso-8859-15": "l9", "windows-1250": "x-cp1250", "iso-8859-2": "iso_8859-2:1987",
                "windows-1254": "latin5", "windows-1251": "x-cp1251", "koi8-r": "koi8_r", "ibm866": "866",
                "koi8-u": "koi8-ru", "windows-1253": "cp1253", "iso-8859-7": "elot_928", "windows-1255": "cp1255",
                "windows-1256": "x-cp1256", "shift_jis": "ms932", "euc-jp": "x-euc-jp", "iso-2022-jp": "csiso2022jp",
                "gbk": "gb2312", "big5": "big5-hkscs", "euc-kr": "ks_c_5601-1987", "windows-874": "tis-620",
                "windows-1257": "cp1257"}
# Python's codecs for writing the pages
WRITE_CODECS = {"shift_jis": "cp932", "euc-kr": "cp949", "big5": "big5", "windows-874": "cp874", "ibm866": "cp866",
                "iso-2022-jp": "iso2022_jp"}


def page(article: Article, declaration: str = "") -> str:
    """A news page as sites write them: navigation, the article, a footer."""
    esc = html.escape
    paragraphs = "\n".join(f"    <p>{esc(p)}</p>" for p in article.paragraphs)
    return (f"<!DOCTYPE html>\n<html>\n<head>\n{declaration}<title>{esc(article.title)}</title>\n"
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n</head>\n<body>\n'
            f'<nav><a href="/">Home</a> <a href="/local">Local</a> <a href="/sport">Sport</a></nav>\n'
            f"<main>\n  <article>\n    <h1>{esc(article.title)}</h1>\n{paragraphs}\n  </article>\n</main>\n"
            f"<footer><p>(c) 2024</p></footer>\n</body>\n</html>\n")


def meta(label: str) -> str:
    return f'<meta charset="{label}">\n'


def http_equiv(label: str) -> str:
    return f'<meta http-equiv="Content-Type" content="text/html; charset={label}">\n'


@dataclass(frozen=True)
class Page:
    name: str  # a file name
    data: bytes
    http_charset: str | None  # what an HTTP header says, for a page in a WARC; None for a file
    article: Article
    state: str  # how the encoding is declared: meta, http-equiv, other-label, none, http-header, or a wrong one
    encoding: str  # the encoding the bytes are in (the Standard's name)


def pages() -> list[Page]:
    """Every page of the corpus."""
    out: list[Page] = []
    for a in ARTICLES:
        stem = a.host.split(".")[0]
        for encoding in a.encodings:
            codec = WRITE_CODECS.get(encoding, encoding)
            states = {"meta": meta(encoding), "http-equiv": http_equiv(encoding), "none": "",
                      "utf8-meta-over-legacy": meta("utf-8")}
            if encoding in OTHER_LABELS:
                states["other-label"] = meta(OTHER_LABELS[encoding])
            for state, declaration in states.items():
                out.append(Page(f"{stem}-{encoding}-{state}.html", page(a, declaration).encode(codec), None, a, state,
                                encoding))
            out.append(Page(f"{stem}-{encoding}-http-header.html", page(a).encode(codec), encoding, a, "http-header",
                            encoding))
        stale = meta(a.encodings[0])
        text = page(a)
        unicode_pages = {
            "utf-8-meta": (page(a, meta("utf-8")).encode("utf-8"), None, "utf-8"),
            "utf-8-none": (text.encode("utf-8"), None, "utf-8"),
            "utf-8-stale-meta": (page(a, stale).encode("utf-8"), None, "utf-8"),
            "utf-8-stale-http-header": (text.encode("utf-8"), a.encodings[0], "utf-8"),
            "utf-8-bom-over-wrong-meta": (b"\xef\xbb\xbf" + page(a, stale).encode("utf-8"), None, "utf-8"),
            "utf-16le-bom": (b"\xff\xfe" + page(a, meta("utf-16")).encode("utf-16-le"), None, "utf-16le"),
            "utf-16be-bom": (b"\xfe\xff" + text.encode("utf-16-be"), None, "utf-16be"),
            "utf-16le-no-bom": (text.encode("utf-16-le"), None, "utf-16le"),
        }
        out += [Page(f"{stem}-{state}.html", data, http, a, state, encoding)
                for state, (data, http, encoding) in unicode_pages.items()]
    return out
