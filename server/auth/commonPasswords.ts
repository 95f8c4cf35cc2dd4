// Data for server/auth/passwordChecks.ts (ASVS 6.2.4, 6.2.11).
//
// Source: written for Tafel from general knowledge of the published lists of most used
// and breached passwords (SecLists "Common-Credentials", the UK NCSC's top 100 000 from
// Have I Been Pwned, and the yearly "most common passwords" rankings) — not a copy of any
// of them, since no such list is installed and none can be added as a dependency.
// Tafel asks for at least 12 characters, so what matters is how people stretch a common
// password to that length: a common word or name with digits or symbols around it
// (`Welkom2024!`), two of them together (`ilovefootball`), a keyboard walk or a sequence
// (`1q2w3e4r5t6y`, `azertyuiop12`), a repetition (`passwordpassword`). passwordChecks.ts
// generates those from the three lists below, so they stand for many thousands of
// passwords; FULL_PASSWORDS lists long ones the rules do not produce.
//
// Base words are lower-case letters only (digits are stripped before comparing).
// Dutch, French and Belgian words are in because Tafel's users are.

const COMMON_WORDS_TEXT = `
ilove mylove iloveyou password passwort passwd wachtwoord paswoord motdepasse contrasena senha parola haslo salasana
losenord adgangskode secret geheim secreto segreto private privé login logon admin administrator
administrateur beheerder root user guest welcome welkom bienvenue willkommen bienvenido benvenuto
hello hallo bonjour hola ciao goodbye iloveyou iloveu ilovehim iloveher loveyou loveme lovely lover
loving love liefde amour amore liebe qwerty azerty qwertz asdf zxcv qazwsx letmein trustno
trustnoone whatever nothing something anything everything forever always never monkey dragon master
shadow superman batman spiderman ironman hulk wolverine starwars jedi yoda skywalker vader pokemon
pikachu naruto football soccer baseball basketball hockey tennis golf voetbal fussball futbol
calcio rugby cricket cycling wielrennen sunshine princess princesse prinses angel angels baby
babygirl babyboy sweety sweetie sweetheart honey darling sugar cookie cupcake flower flowers bloem
rose daisy butterfly rainbow summer winter spring autumn zomer lente herfst sunday monday friday
michael jennifer jessica ashley daniel thomas charlie jordan michelle nicole andrew joshua matthew
robert william david james john jonathan christopher anthony george edward richard jason justin
jasmine amanda melissa samantha elizabeth maria anna sophie emma lucas louis noah liam olivia julia
laura sarah lisa nina eva marie pieter jan peter luc marc kevin tim tom bart koen wouter jeroen
sander niels joris lotte lieke femke sanne anouk fleur mohamed mehmet ahmed fatima computer
internet google facebook twitter instagram linkedin microsoft windows apple samsung iphone android
netflix spotify youtube hunter killer ninja samurai warrior soldier knight wizard merlin gandalf
matrix neo morpheus zelda mario luigi tigger pepper ginger buster max bella lucky rocky coco snoopy
garfield scooby teddy puppy kitty kitten doggy chocolate vanilla banana orange cherry strawberry
lemon peach mango coffee pizza burger cheese freedom liberty justice peace happy happiness smile
friends friend family familie vrienden jesus christ god heaven faith blessed blessing church money
dollar euro rich million gold silver diamond test testing tester testtest example sample demo
default changeme change temp temporary tijdelijk nieuw new newpass access accessdenied open
opensesame sesame abracadabra mother father mommy daddy mama papa sister brother zoon dochter
soleil bonheur chouchou doudou loulou chéri cheri chérie amoureux antwerpen antwerp gent ghent
brussel brussels bruxelles leuven brugge mechelen hasselt amsterdam rotterdam utrecht paris london
berlin belgium belgie belgië belgique nederland holland france anderlecht clubbrugge standard ajax
feyenoord psv barcelona realmadrid liverpool chelsea arsenal juventus manchester united playboy
sexy hottie lovers fuckyou fucker bitch asshole superstar rockstar starlight moonlight midnight
darkness phoenix falcon eagle tiger lion panther wolf bear shark dolphin mustang ferrari porsche
corvette harley yamaha honda toyota bmw mercedes audi volkswagen abc abcd qwe asd zxc blink
metallica nirvana slipknot eminem beatles elvis zaq qaz xsw wsx edc nokia sony secure security
securite veilig veiligheid office kantoor bureau politie police justitie parket ocmw cpas january
february march april may june july august september october november december januari februari
maart juni juli augustus oktober janvier fevrier mars avril mai juin juillet aout septembre octobre
novembre decembre maandag dinsdag woensdag donderdag vrijdag zaterdag zondag one two three four
five six seven eight nine ten een twee drie vier vijf zes zeven acht negen tien red blue green
yellow black white purple pink rood blauw groen geel zwart wit
`;

/** Words and names that common passwords are built from. */
export const COMMON_WORDS: ReadonlySet<string> = new Set(COMMON_WORDS_TEXT.split(/\s+/).filter((w) => w.length > 0));

const FULL_PASSWORDS_TEXT = `
123456789012 1234567890123 12345678901234 123123123123 111111111111 000000000000 999999999999 987654321000
qwertyuiop123 qwertyuiop1234 1q2w3e4r5t6y 1q2w3e4r5t6y7u 1qaz2wsx3edc 1qaz2wsx3edc4rfv zaq12wsxcde3 zaq1xsw2cde3
qwerty123456 123456qwerty 1234567890qwerty qwerty1234567890 azerty123456 123456azerty azertyuiop123 q1w2e3r4t5y6
password1234 password12345 password123456 passw0rd1234 p4ssw0rd1234 iloveyou1234 iloveyou12345 passwordpassword
thisismypassword mypassword123 mypassword1234 mynewpassword newpassword123 changemenow changeme1234 letmein12345
welcome12345 welcome123456 welkom123456 wachtwoord123 wachtwoord1234 administrator administrator1 admin1234567
abcdefghijkl abcdefghijklm abcd1234abcd abc123abc123 aaaaaaaaaaaa qwertyqwerty asdfasdfasdf asdfghjkl123
147258369147 159753159753 147852369147 741852963741 123654789123 trustno1trustno1 football1234 baseball1234
princess1234 superman1234 starwars1234 sunshine1234 qwertyuiopasdfghjklzxcvbnm
`;

/** Long common passwords, lower-case, as they are typed. */
export const FULL_PASSWORDS: ReadonlySet<string> = new Set(FULL_PASSWORDS_TEXT.split(/\s+/).filter((w) => w.length > 0));

/**
 * Keyboard rows, columns and walks (QWERTY, AZERTY as used in Belgium, the number pad)
 * and the alphabet and digits: any 3 or more characters in a row, forwards or
 * backwards, count as one easy piece.
 */
export const SEQUENCES: readonly string[] = [
  "abcdefghijklmnopqrstuvwxyz",
  "01234567890123456789",
  "qwertyuiopasdfghjklzxcvbnm",
  "azertyuiopqsdfghjklmwxcvbn",
  "qwertzuiopasdfghjklyxcvbnm",
  "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
  "zaq12wsxcde34rfvbgt56yhnmju78ik90ol",
  "1q2w3e4r5t6y7u8i9o0p",
  "q1w2e3r4t5y6u7i8o9p0",
  "1a2z3e4r5t6y7u8i9o0p",
  "a1z2e3r4t5y6u7i8o9p0",
  "qazwsxedcrfvtgbyhnujmikolp",
  "qweasdzxc",
  "azeqsdwxc",
  "!@#$%^&*()",
  "789456123",
  "147258369",
  "159357",
  "1a2b3c4d5e6f7g8h9i",
];
