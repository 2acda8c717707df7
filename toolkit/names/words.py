"""The word lists of names: what a byline may say around a name, and what marks a name as an
organisation's, an agency's or an outlet's. Data only; the rules that use them are in `people`,
`outlets` and `authors`."""
from __future__ import annotations

import re
from typing import Iterable

def one_of(words: Iterable[str]) -> str:
    """Words as the alternatives of a pattern: one list of data, joined where a pattern needs it."""
    return "|".join(words)


WEEKDAYS = ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
            "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAYS_FR = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
WEEKDAYS_SHORT = ("mo", "di", "mi", "do", "fr", "sa", "so", "mon", "tue", "wed", "thu", "fri", "sat", "sun")

# Wire services: what a byline may say (folded) -> canonical name: the credit the agency puts on its own
# copy (AFP, dpa, PTI, Reuters, The Associated Press), which is also what pages most often write.
AGENCIES: dict[str, str] = {
    "afp": "AFP", "agence france-presse": "AFP", "agence france presse": "AFP",
    "reuters": "Reuters", "thomson reuters": "Reuters", "ap": "The Associated Press", "associated press": "The Associated Press",
    "the associated press": "The Associated Press", "dpa": "dpa", "deutsche presse-agentur": "dpa",
    "efe": "EFE", "agencia efe": "EFE", "ansa": "ANSA", "xinhua": "Xinhua News Agency", "xinhua news agency": "Xinhua News Agency",
    "新华社": "Xinhua News Agency", "tass": "TASS", "итар-тасс": "TASS", "тасс": "TASS", "itar-tass": "TASS",
    "ria novosti": "RIA Novosti", "риа новости": "RIA Novosti", "sputnik": "Sputnik", "anadolu": "Anadolu Agency",
    "anadolu agency": "Anadolu Agency", "anadolu ajansı": "Anadolu Agency", "aa": "Anadolu Agency",
    "pti": "PTI", "press trust of india": "PTI", "ians": "IANS",
    "indo-asian news service": "IANS", "ani": "ANI", "asian news international": "ANI", "kyodo": "Kyodo News",
    "kyodo news": "Kyodo News", "yonhap": "Yonhap News Agency", "yonhap news agency": "Yonhap News Agency", "upi": "UPI",
    "united press international": "UPI", "bloomberg": "Bloomberg News", "bloomberg news": "Bloomberg News",
    "europa press": "Europa Press", "apa": "APA", "belga": "Belga", "anp": "ANP", "kna": "KNA", "epd": "epd",
    "sda": "Keystone-SDA", "keystone-sda": "Keystone-SDA", "ntb": "NTB", "ctk": "ČTK", "čtk": "ČTK", "pap": "PAP", "mti": "MTI",
    "interfax": "Interfax", "интерфакс": "Interfax", "ukrinform": "Ukrinform", "unian": "UNIAN", "irna": "IRNA", "wam": "WAM",
    "mena": "MENA", "aap": "AAP", "canadian press": "The Canadian Press", "the canadian press": "The Canadian Press",
    "agência brasil": "Agência Brasil", "lusa": "Lusa", "notimex": "Notimex", "ips": "IPS", "apa-ots": "APA",
    "ap photo": "The Associated Press", "reuters staff": "Reuters", "afp staff": "AFP",
}
AGENCY_TOKENS = sorted((k for k in AGENCIES if len(k) >= 2), key=len, reverse=True)
# "(Reuters)", "with AFP", "avec AFP", "mit dpa", "con EFE", "via AP"
AGENCY_CREDIT = re.compile(r"\(\s*(" + "|".join(map(re.escape, AGENCY_TOKENS)) + r")\s*\)|\b(?:with|avec|mit|con|via|com|и)\s+("
                           + "|".join(map(re.escape, AGENCY_TOKENS)) + r")\b", re.I)

# Words that make a name an organisation, not a person.
ORG_WORDS = re.compile(
    r"\b(news|press|times|post|daily|today|media|tv|television|radio|network|bureau|desk|staff|team|editors?|editorial|"
    r"newsroom|agency|service|wire|magazine|journal|gazette|herald|tribune|channel|group|online|digital|report|reporters|"
    r"associated|international|world|sport|sports|weekly|monthly|blog|club|inc|ltd|llc|gmbh|sa|corp|company|foundation|institute|"
    r"university|council|ministry|office|department|rédaction|redaktion|redacción|redação|redazione|редакция|zeitung|nachrichten|"
    r"noticias|notícias|journal|revue|verlag|editorial team|online-redaktion|chronicle|observer|guardian|telegraph|courier|"
    r"examiner|inquirer|enquirer|sentinel|bulletin|dispatch|monitor|globe|ledger|review|register)\b", re.I)
# legal forms and the German compounds that end in an organisation word ('Sportverband', 'Landesanstalt')
ORG_FORMS = re.compile(r"\b(?-i:e\.\s?V\.?|g?GmbH|AG|KG|SE|mbH|S\.A\.|Ltd\.?|Inc\.?|LLC|Co\.)(?=\s|$|,)|"
                       r"\w(?:stiftung|verband|verein|ministerium|anstalt|institut|akademie|gesellschaft|genossenschaft|"
                       r"kammer|partei|fraktion|verlag|redaktion)\b", re.I)
STAFF = re.compile(r"\b(staff|bureau|desk|team|newsroom|editors|rédaction|redaktion|redacción|redação|redazione|редакция)\b", re.I)
NOT_NAMES = re.compile(r"^(email the author|e-?mail|email|staff|admin|administrator|guest|anonymous|anónimo|anonym|unknown|editor|"
                       r"author|no author|super user|publisher|wordpressadmin|us|none|null|zur person|"
                       r"(?:den|the|der|die|l'|el|la)\s*(?:autor(?:in)?|author|auteur)|"
                       r"published|updated|by|posted|written|sponsored|advertisement|anzeige|contributor|undefined|n/?a)$", re.I)
PREFIX = re.compile(
    r"^\s*(?:[|•·–—-]\s*)?(?:(?:posted|published|written|filed|eingestellt|veröffentlicht|verfasst|geschrieben|erstellt|publié|publicado|"
    r"pubblicato|view all posts|alle beiträge|all posts|more posts|mehr|artikel|beitrag|recipe|rezept|story|reported)\s*"
    r"(?:on\s+.{0,30}?\s+|in\s+.{0,40}?\s+)?(?:by|von|vom|par|por|da|di)\s*|(?:by|par|von|vom|por|di|de|door|av|af|przez|від|от)\s+|"
    r"(?:author|auteur|autor|autorin|autore|автор|автори|συντάκτης|text|texte|words by|reporting by|von|by)\s*:\s*|"
    r"(?:text|texte|words)\s*(?:&|und|and|et|y)\s*(?:fotos?|photos?|bilder?|bild)\s*:\s*|"
    r"(?:author|autor|auteur)\s+(?=[A-Z])|(?:words|reporting|written)\s+by\s+|\(c\)\s*|©\s*|"
    r"(?:über|about|zur person|interview|zum profil von|profil von)(?:\s*:\s*|\s+)|"
    r"(?:責任編輯|责任编辑|编辑|作者|記者|记者)\s*[:：]?\s*)", re.I)
LEAD_DATE = re.compile(r"^\s*(?:\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{2}-\d{2})\s*[-|–—,:]\s*")
INNER_BY = re.compile(r"\s(?:by|von|vom|par|por)\s+(.+)$", re.I)
# trailing dates, "Published/Updated ...", e-mail addresses, URLs, handles and "| Sponsored"
TAIL_NOISE = re.compile(
    r"(?:\s*(?:[|,•·]|\bon\b|\bam\b|\ble\b)?\s*(?:\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{2}-\d{2}|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}|\d{1,2}\.? [A-Za-zä]+ \d{4})"
    r".*$|\s*[|,-]?\s*(?:(?:last|zuletzt|son|dernière|última|ultimo|laatst|ostatnia|последнее|sist|senast)\s+)?"
    r"(?:published|updated|posted|aktualisiert|veröffentlicht|mis à jour|mise à jour|publié|publicado|publicada|actualizado|"
    r"atualizado|pubblicato|aggiornato|опубликовано|обновлено|güncelleme|güncellendi)\b.*$|"
    r"\s*\|\s*sponsored\b.*$|(?:^|\s+)\S+@\S+\.\S+.*$|\s+(?:-\s+)?https?://\S+.*$|"
    # what a visible byline carries after the name: the weekday, the time, "Stand:", "vor 5 Stunden", profile links
    r"\s*[|,•·]?\s*(?:\b(?:am|on|le|el)\s+)?\b(?:" + one_of(WEEKDAYS + WEEKDAYS_FR + WEEKDAYS_SHORT) + r")\.?,?\s+\d.*$|"
    r"\s*[|,•·]?\s*\b(?:at|um|à)\s+\d{1,2}[:.]\d{2}\b.*$|\s*[|,•·]?\s*\bstand:.*$|\s*\bvor\s+\d+\s+(?:sekunden|minuten|stunden|tagen|wochen)\b.*$|"
    r"(?:^|\s+)(?:alle artikel|alle beiträge|all articles|all posts|more articles|mehr artikel|mehr|follow|folgen|profil|view profile|"
    r"shares?|save|teilen|merken|drucken|print|tweet|contact|contactar|contatto|kontakt|contacter)\s*$)", re.I)
# credits that are not bylines: "Editing by ...", "Graphics by ..."
OTHER_CREDITS = re.compile(r"[;,|]?\s*\b(?:(?:editing|edited|graphics|illustrations?|photos?|fotos?|video)\s+(?:by|von|par)\s+|"
                           r"(?:photos?|fotos?|bilder?|illustrations?|illustrator(?:in)?|grafik|video)\s*:\s*)[^;|]*", re.I)
HANDLE = re.compile(r"(?:^|\s)@\w+")
# "last updated" as pages print it beside a byline, in the languages of the news
LAST_UPDATED = re.compile(
    r"^(?:last|zuletzt|son|dernière|derniere|última|ultima|ultimo|laatst|ostatnia|последнее|sist|senast|viimeksi|"
    r"naposledy|utolsó)?\s*(?:updated?|update|aktualisiert|aktualisierung|güncelleme|güncellendi|güncellenme|"
    r"mise à jour|mis à jour|actualización|actualizado|actualizada|aggiornamento|aggiornato|bijgewerkt|"
    r"aktualizacja|zaktualizowano|обновление|обновлено|oppdatert|uppdaterad|päivitetty|aktualizováno|frissítve)"
    r"(?:\s+(?:on|am|le|el|il|op))?\s*:?$", re.I)
# the buttons a byline sits among: a name made of these words alone is no one's
SHARE_WORDS = frozenset("""
twitter facebook whatsapp linkedin pinterest reddit telegram instagram youtube tiktok xing threads bluesky mastodon
messenger flipboard vk email e-mail mail share shares sharing teilen partager compartir condividi compartilhar delen
udostępnij поделиться print drucken imprimer imprimir stampa copy kopieren link links tweet x comment comments
kommentare kommentieren commentaires comentarios on auf sur en in via und and et y e
""".split())
# an editor's short sign in brackets after the name ('Elena Oberholzer (obe)'): not part of the name
INITIALS = re.compile(r"\s*\((?:[a-zäöüéè]{1,5}|[A-ZÄÖÜ]{1,4})\)\s*$")
ROLE_WORDS = re.compile(
    r"\b(writer|reporter|correspondent|editor|columnist|contributor|producer|journalist|photographer|analyst|critic|chief|"
    r"senior|staff|special|national|political|auto|sports|security|business|science|health|technology|tech|foreign|"
    r"investigative|deputy|managing|executive|associate|assistant|freelance|contributing|host|anchor|ceo|cto|cfo|founder|"
    r"co-founder|president|director|gründer(?:in)?|geschäftsführer(?:in)?|"
    r"[\w-]*(?:leiter|sprecher|referent|direktor|vorsitzende|beauftragte|mitarbeiter|wissenschaftler|berater|koordinator)(?:in|r)?|(?:chef)?redakteur(?:in)?|autor(?:in)?|"
    r"korrespondent(?:in)?|journalistin?|rédacteur|rédactrice|envoyée? spéciale?|corresponsal|periodista|редактор|корреспондент)\b", re.I)
SUFFIXES = re.compile(r"^(jr\.?|sr\.?|ii|iii|iv|ph\.?\s?d\.?|m\.?d\.?|md|phd|esq\.?|mba|cbe|obe|mbe)$", re.I)
SPLIT = re.compile(r"\s*(?:;|\||\s/\s|,\s*(?:and|und|et|y|e|и)\s+|\s+(?:and|und|et|y|e|и|&)\s+|,)\s*", re.I)
PARTICLES = {"de", "da", "di", "del", "della", "van", "von", "der", "den", "la", "le", "du", "dos", "das", "bin", "ibn",
             "al", "el", "y", "e", "ter", "ten", "zu", "af", "av"}


# words the name list holds that, leading a name, are an article ('The Hill', 'El País', 'Il Post')
NOT_GIVEN_NAMES = {"the", "el", "il"}
LEADING_ARTICLES = {"the", "die", "der", "das", "el", "il", "los", "las", "les", "gli"}


# what a byline element leaks from its page: CSS rules ('.css-1fvj8jv{color:#ba0600}') and script
CSS_RULE = re.compile(r"[^\s{}]*\{[^{}]*(?:\}|$)|^[^{}]*?\}")
SCRIPT = re.compile(r"function\s*\(|=>|\bvar\s+\w+\s*=|\b(?:window|document)\.\w|\$\(|</?script", re.I)
# a photo credit beside the byline: '(Image: FBI)', 'Foto: dpa', 'Getty Images'
PHOTO_CREDIT = re.compile(r"^\(?\s*(?:images?|photos?|photograph|pictures?|pics?|foto|fotos|bild|bilder|credits?|crédits?|crédito|"
                          r"quelle|source|fuente|fonte|imagen|immagine|©)\s*(?:[:：]|$)|\b(?:getty ?images|shutterstock|istock(?:photo)?|"
                          r"alamy|imago images|picture alliance)\b", re.I)


# what only an organisation's name holds: a lower-case link word between capitalised ones ('Bundesministerium für
# Wirtschaft', 'Institute of Physics') or a dotted abbreviation ('U.S. Customs')
ORG_LINKS = re.compile(r"(?<=\w)\s(?:für|for|of|pour|para|per|des|der|in|im|am|zur|zum)\s(?=\w)|\b(?:[A-Z]\.){2,}(?=\s|$)")


# the last word of a newspaper's name ('Battle Creek Enquirer', 'The Boston Globe', 'Westfälische Rundschau')
NEWSPAPER_SHAPED = re.compile(
    r"(?:enquirer|inquirer|times|post|news|herald|tribune|journal|gazette|chronicle|observer|courier|register|examiner|"
    r"sentinel|bulletin|dispatch|monitor|globe|ledger|star|standard|telegraph|mirror|express|independent|guardian|record|"
    r"review|press|daily|zeitung|nachrichten|kurier|anzeiger|rundschau|tagblatt|tageblatt|allgemeine|presse)$", re.I)


# 'Glen Owen and Brendan Carlin for The Mail On Sunday', 'Anna Smith For Dailymail.com': the outlet written for
WRITTEN_FOR = re.compile(r"\s+(?:for|für|pour|para|per)\s+((?:the\s+)?[A-Z0-9][\w.'’&-]*(?:\s+(?:[A-Z0-9][\w.'’&-]*|on|of|de|am))"
                         r"{0,5})$", re.I)


ORG_TYPES = ("organization", "newsmediaorganization", "corporation")



SECOND_LEVEL = {"com", "org", "net", "gov", "edu", "info", "biz"}  # eldeber.com.bo, bbc.co.uk
