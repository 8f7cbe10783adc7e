import Testing
@testable import Extract

/// `TextLanguage.reads` tells a text's language from another's: by function words for languages of the Latin script,
/// by script for the others; never two languages of one script, nor a text too short to judge.
@Suite struct TextLanguageTests {
    static let english = "The kettle was on the stove and they would not wait for the bread that was there. "

    /// One sentence or two of everyday prose in each language `TextLanguage` knows, besides English.
    static let samples: [(language: String, text: String)] = [
        ("de", "Der Kessel ist auf dem Herd und wir warten nicht auf das Brot, das noch im Ofen ist. Es ist auch eine Frage der Zeit. "),
        ("fr", "Le café est sur la table et nous ne sommes pas pressés. La pluie tombe dans les rues de la ville, mais elle ne dure pas. "),
        ("es", "El café está en la mesa y los niños juegan en el jardín. Es una tarde muy tranquila, pero la lluvia llega cuando menos se espera. "),
        ("it", "Il caffè è sulla tavola e non abbiamo fretta. Questo è stato un anno difficile per la città, ma anche la pioggia ha smesso. "),
        ("pt", "O café está na mesa e não temos pressa. Foi um ano difícil para a cidade, mas a chuva também parou de cair como antes. "),
        ("nl", "De koffie staat op de tafel en we hebben geen haast. Het was een moeilijk jaar voor de stad, maar de regen is ook gestopt. "),
        ("sv", "Kaffet står på bordet och vi har inte bråttom. Det var ett svårt år för staden, men regnet har också slutat att falla. "),
        ("da", "Kaffen står på bordet og vi har ikke travlt. Det var et svært år for byen, men regnen er også holdt op med at falde. "),
        ("nb", "Kaffen står på bordet og vi har ikke dårlig tid. Det var et vanskelig år for byen, men regnet har også sluttet å falle. "),
        ("pl", "Kawa stoi na stole i nie spieszymy się. To był trudny rok dla miasta, ale deszcz już przestał padać, więc jest dobrze. "),
        ("cs", "Káva je na stole a nikam nespěcháme. Byl to těžký rok pro město, ale déšť už přestal padat, a to je dobře. "),
        ("tr", "Kahve masada ve hiç acelemiz yok. Bu şehir için zor bir yıldı, ama yağmur da eskisi gibi yağmayı bıraktı ve her şey daha iyi. "),
        ("fi", "Kahvi on pöydällä ja meillä ei ole kiire. Se oli vaikea vuosi kaupungille, mutta sade on myös lakannut, ja nyt kaikki on hyvin. "),
        ("id", "Kopi itu ada di meja dan kami tidak terburu-buru. Ini adalah tahun yang sulit untuk kota itu, tetapi hujan juga sudah berhenti. "),
        ("ro", "Cafeaua este pe masă și nu ne grăbim. A fost un an greu pentru oraș, dar ploaia s-a oprit și acum totul este mai bine. "),
        ("hu", "A kávé az asztalon van, és nem sietünk. Nehéz év volt ez a városnak, de az eső már nem esik úgy, mint régen. "),
        ("ru", "Чайник стоит на плите, и мы не торопимся. Это был трудный год для города, но дождь уже перестал, и теперь всё хорошо. "),
        ("el", "Ο καφές είναι στο τραπέζι και δεν βιαζόμαστε. Ήταν μια δύσκολη χρονιά για την πόλη, αλλά η βροχή σταμάτησε. "),
        ("he", "הקפה על השולחן ואנחנו לא ממהרים. זו הייתה שנה קשה לעיר, אבל הגשם כבר הפסיק. "),
        ("ar", "القهوة على الطاولة ونحن لسنا في عجلة. كانت سنة صعبة للمدينة، لكن المطر توقف الآن. "),
        ("hi", "कॉफी मेज पर है और हमें कोई जल्दी नहीं है। यह शहर के लिए एक कठिन साल था, लेकिन बारिश अब रुक गई है। "),
        ("th", "กาแฟอยู่บนโต๊ะ และเราไม่รีบ ปีนี้เป็นปีที่ยากสำหรับเมือง แต่ฝนหยุดตกแล้ว "),
        ("ko", "커피는 식탁 위에 있고 우리는 서두르지 않습니다. 도시에게 힘든 한 해였지만 이제 비가 그쳤습니다. "),
        ("ja", "コーヒーはテーブルの上にあり、私たちは急いでいません。街にとって大変な一年でしたが、雨はもうやみました。"),
        ("zh", "咖啡在桌子上，我们不着急。对这座城市来说，这是艰难的一年，但雨已经停了。"),
    ]

    /// A post's worth of the text: each sample repeated.
    static func post(_ text: String) -> TextLanguage.Counts { TextLanguage.counts(String(repeating: text, count: 8)) }

    @Test(arguments: samples) func aPostInTheLanguageReadsAsIt(_ sample: (language: String, text: String)) {
        #expect(TextLanguage.knows(sample.language))
        #expect(TextLanguage.reads(Self.post(sample.text), as: sample.language, ratherThan: "en"))
        #expect(!TextLanguage.reads(Self.post(sample.text), as: "en", ratherThan: sample.language))
    }

    @Test(arguments: samples) func anEnglishPostUnderTheLanguageReadsAsEnglish(_ sample: (language: String, text: String)) {
        #expect(TextLanguage.reads(Self.post(Self.english), as: "en", ratherThan: sample.language))
        #expect(!TextLanguage.reads(Self.post(Self.english), as: sample.language, ratherThan: "en"))
    }

    @Test func languagesOfOneScriptAreNotToldApart() {
        #expect(!TextLanguage.reads(Self.post(Self.samples.first { $0.language == "ru" }!.text), as: "ru", ratherThan: "uk"))
        #expect(!TextLanguage.reads(Self.post(Self.samples.first { $0.language == "ja" }!.text), as: "ja", ratherThan: "zh"))
    }

    @Test func aliasesNameTheirLanguage() {
        #expect(TextLanguage.knows("no") && TextLanguage.knows("nn") && TextLanguage.knows("in"))
        #expect(TextLanguage.reads(Self.post(Self.english), as: "en", ratherThan: "no"))
    }

    @Test func aShortTextOrAnUnknownLanguageIsNotJudged() {
        #expect(!TextLanguage.reads(TextLanguage.counts(Self.english), as: "en", ratherThan: "de"))
        #expect(!TextLanguage.knows("xx"))
        #expect(!TextLanguage.reads(Self.post(Self.english), as: "en", ratherThan: "xx"))
    }
}
