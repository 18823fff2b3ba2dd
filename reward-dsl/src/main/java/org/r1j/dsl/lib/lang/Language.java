package org.r1j.dsl.lib.lang;

import java.lang.Character.UnicodeScript;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A supported target language: the scripts its words are written in and, where a script is shared by several
 * supported languages, the evidence that tells them apart word by word — frequent function words and letters
 * peculiar to its orthography. Lists are small on purpose: they only need to label enough words in a sentence
 * for the rest of the sentence to follow (see {@link LanguageRatio}).
 */
enum Language {
    EN("en", EnumSet.of(UnicodeScript.LATIN), "",
            "the of and to in is it that for on with as this be are was by at or from we an not but have has had which so"
            + " if then there their they can will would should could its these those what when where who how why all"
            + " each also more most some any into than only other such our you your he she his her them were been being"
            + " do does did let us no yes one two three first second next now since because both same must may might"
            + " here just about over under between after before need get gives given find found use using therefore thus"
            + " hence wait check okay right answer number value equation total sum step means know think see whose while"
            + " until again very well per out up down make take equal equals times plus minus divided remaining left"
            + " i'm let's it's don't doesn't isn't can't that's we're we'll there's what's son hmm actually maybe"),
    DE("de", EnumSet.of(UnicodeScript.LATIN), "äöüß",
            "der die das und ist nicht ein eine einen einem einer eines zu den dem des mit sich auf für von im auch es sie"
            + " wir ich du ihr aber oder wenn dann noch nur wie wird werden wurde sind sein kann können muss müssen haben"
            + " hatte bei aus nach über unter vor durch gegen ohne zum zur dass weil also jetzt hier diese dieser dieses"
            + " diesem diesen welche alle mehr sehr schon immer gibt ergibt gleich mal zahl zahlen summe lösung antwort"
            + " gleichung schritt daher somit nun uns unser keine kein zwei drei erste ersten zweite beim vom ins ob doch"
            + " etwa bis seit zwischen mein meine wo was so in an am ist's gibt's berechnen rechnen ergebnis"),
    FR("fr", EnumSet.of(UnicodeScript.LATIN), "àâçèéêëîïôœùûÿ",
            "le la les un une des du de et est en que qui dans pour pas sur au aux avec ce cette ces il elle ils elles"
            + " nous vous je tu sont été être avoir mais ou donc si par sa ses leur leurs tout tous toutes comme aussi"
            + " alors puis ne se très bien fait faire peut doit nombre réponse équation égal égale ainsi chaque deux"
            + " trois premier première entre sans sous depuis quand où lorsque parce cela ça voici voilà maintenant"
            + " encore même somme valeur calculer calculons trouver étape c'est d'abord qu'il l'équation n'est"),
    ES("es", EnumSet.of(UnicodeScript.LATIN), "ñáíóú¿¡",
            "el la los las un una unos unas de del en que es por para con se lo su sus al como más pero este esta estos"
            + " estas ese esa eso esto están está ser hay tiene tienen cuando donde muy también entonces así cada entre"
            + " sobre hasta desde porque si ya le les nos yo tú él ella ellos nosotros número respuesta ecuación igual"
            + " suma valor dos tres primero primera segundo paso luego ahora todo todos todas mismo otra otro puede debe"
            + " hacer tenemos podemos calcular vamos no son"),
    IT("it", EnumSet.of(UnicodeScript.LATIN), "àèéìòù",
            "il lo la gli le un uno una di del della dei delle degli dello che per non in con su sul sulla da dal"
            + " dalla al alla ai ma anche più questo questa questi queste quello quella sono essere hanno abbiamo"
            + " possiamo quindi allora poi se perché quando dove molto ogni tra fra senza ancora già così numero"
            + " risposta equazione uguale somma valore primo prima secondo passo adesso ora tutto tutti stesso altro"
            + " altra può deve fare calcolare troviamo cioè dunque nel nella nei nelle sia è"),
    PT("pt", EnumSet.of(UnicodeScript.LATIN), "ãõâêôçàáéíóú",
            "os um uma de da dos das que em no na nos nas para por com não se mais mas ao aos como seu sua seus suas"
            + " ele ela eles elas nós você este esta isso isto esse essa são ser estar está estão tem têm temos"
            + " podemos então assim cada entre sem sobre até desde porque quando onde muito também já ainda número"
            + " resposta equação igual soma valor dois duas três primeiro primeira segundo passo agora todo todos mesmo"
            + " outro outra pode deve fazer calcular vamos logo portanto pelo pela num numa é"),
    NL("nl", EnumSet.of(UnicodeScript.LATIN), "ĳ",
            "de het een en van in is dat die op te met voor niet zijn aan om ook als dan maar bij nog naar uit over"
            + " wordt worden werd kan kunnen moet moeten hebben heeft had wij we ik je jij hij zij ze ons onze dit deze"
            + " wat wie waar hoe waarom wanneer omdat dus nu hier daar alle meer veel zeer erg al welke getal antwoord"
            + " vergelijking gelijk som waarde twee drie eerste tweede stap zo dezelfde andere doen berekenen vinden"),
    RU("ru", EnumSet.of(UnicodeScript.CYRILLIC), "ыэъё",
            "и в не на что с как а то это по к но из у за от о же так для мы он она они вы я ты его её их бы был была"
            + " было были быть есть все всё если или уже когда только тогда потому поэтому чтобы где здесь теперь можно"
            + " нужно надо число ответ уравнение равно сумма значение два три первый шаг итак значит получаем найдем"
            + " найти очень ещё еще также каждый между без при после до над под себя этот эта эти того этого чем"
            + " который которая которые"),
    UK("uk", EnumSet.of(UnicodeScript.CYRILLIC), "іїєґ",
            "і в у не на що з як а то це по до але із від про же так для ми він вона вони ви я ти його її їх би був"
            + " була було були бути є все усі якщо або вже коли тільки тоді тому щоб де тут тепер можна потрібно"
            + " треба число відповідь рівняння дорівнює сума значення два три перший крок отже отримуємо знайдемо"
            + " дуже ще також кожен між без при після над під цей ця ці який яка які"),
    ZH("zh", EnumSet.of(UnicodeScript.HAN), "", ""),
    JA("ja", EnumSet.of(UnicodeScript.HAN, UnicodeScript.HIRAGANA, UnicodeScript.KATAKANA), "", ""),
    KO("ko", EnumSet.of(UnicodeScript.HANGUL), "", ""),
    AR("ar", EnumSet.of(UnicodeScript.ARABIC), "", ""),
    EL("el", EnumSet.of(UnicodeScript.GREEK), "", ""),
    HE("he", EnumSet.of(UnicodeScript.HEBREW), "", ""),
    HI("hi", EnumSet.of(UnicodeScript.DEVANAGARI), "", "");

    final String code;
    final Set<UnicodeScript> scripts;
    /** Letters (lower case) that mark this language among those sharing its script. */
    final String letters;
    final Set<String> functionWords;

    Language(String code, Set<UnicodeScript> scripts, String letters, String functionWords) {
        this.code = code;
        this.scripts = scripts;
        this.letters = letters;
        this.functionWords = functionWords.isEmpty() ? Set.of()
                : Arrays.stream(functionWords.split(" ")).collect(Collectors.toUnmodifiableSet());
    }

    private static final Map<String, Language> BY_CODE = new LinkedHashMap<>();
    private static final Map<UnicodeScript, List<Language>> BY_SCRIPT = new EnumMap<>(UnicodeScript.class);

    static {
        for (Language l : values()) BY_CODE.put(l.code, l);
        for (UnicodeScript s : UnicodeScript.values()) {
            BY_SCRIPT.put(s, Arrays.stream(values()).filter(l -> l.scripts.contains(s)).toList());
        }
    }

    /** Codes accepted by {@link #of}, in a fixed order. */
    static List<String> codes() {
        return List.copyOf(BY_CODE.keySet());
    }

    /** "en", "EN", "en-US", "zh_Hans" → the language; null when unsupported. */
    static Language of(String code) {
        if (code == null) return null;
        String base = code.trim().toLowerCase(Locale.ROOT).split("[-_]", 2)[0];
        return BY_CODE.get(base);
    }

    /** Supported languages written in this script (e.g. LATIN → en, de, fr, es, it, pt, nl). */
    static List<Language> sharing(UnicodeScript script) {
        return BY_SCRIPT.get(script);
    }
}
