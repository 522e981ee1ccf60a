// The method help (issue 18, finding 6) in plain language, after SRM-METHOD §4–§5 and common UN
// SRM usage. Kept out of the i18n catalogs on purpose: only the lazily loaded help page needs it,
// so it does not weigh on the entry bundle. fr and ar are typed as `HelpText`: a missing entry
// fails the type check.
export interface HelpText {
  title: string;
  intro: string;
  likelihood_h: string;
  likelihood_intro: string;
  likelihood: Record<'Very Unlikely' | 'Unlikely' | 'Moderately Likely' | 'Likely' | 'Very Likely', string>;
  impact_h: string;
  impact_intro: string;
  col_level: string;
  col_personnel: string;
  col_assets: string;
  col_operations: string;
  impact: Record<'Negligible' | 'Minor' | 'Moderate' | 'Severe' | 'Critical', [personnel: string, assets: string, operations: string]>;
  pc_h: string;
  pc_intro: string;
  col_pc: string;
  col_meaning: string;
  col_acceptable: string;
  pc: Record<'PC1' | 'PC2' | 'PC3' | 'PC4', string>;
  acceptable_up_to: string;
  pc_notes: string[];
  matrix_h: string;
  matrix_intro: string;
  matrix_caption: string;
  glossary_h: string;
  glossary: [term: string, definition: string][];
}

export const en: HelpText = {
  title: 'Help on the method',
  intro: 'How a security risk assessment (SRA) rates risk: each scenario gets a likelihood and an impact; together they give a risk level; the residual risk after the measures is compared with what the programme criticality allows.',
  likelihood_h: 'Likelihood levels',
  likelihood_intro: 'How probable it is that the threat happens to us in this area within the period of the SRA, given the threat actors’ intent and capability and what has happened before.',
  likelihood: {
    'Very Unlikely': 'Not expected to happen. No known intent or capability, and no such incident in the area in recent years.',
    Unlikely: 'Could happen but is not expected. Rare incidents in the past, or limited intent or capability.',
    'Moderately Likely': 'Could well happen. It has happened in the area and the threat has both the intent and the capability.',
    Likely: 'Will probably happen. Such incidents happen regularly in the area or against similar organizations.',
    'Very Likely': 'Expected to happen, or already happening. Frequent incidents, or clear signs of one coming.',
  },
  impact_h: 'Impact levels',
  impact_intro: 'How badly it would hurt if it happened, judged for personnel, assets and operations; the highest of the three counts.',
  col_level: 'Level',
  col_personnel: 'Personnel',
  col_assets: 'Assets',
  col_operations: 'Operations',
  impact: {
    Negligible: ['No injury; little or no stress.', 'No or very little loss or damage.', 'No noticeable delay to programmes.'],
    Minor: ['Minor injuries; some stress.', 'Minor loss or damage, easily replaced.', 'Some delays; programmes continue.'],
    Moderate: ['Injuries that are not life-threatening; high stress.', 'Loss or damage of some assets.', 'Delays to several programmes; some activities stop for a time.'],
    Severe: ['Serious injuries, abduction or assault.', 'Major loss or destruction of assets.', 'Severe disruption: programmes suspended, staff relocated.'],
    Critical: ['Death or life-threatening injury.', 'Complete loss of premises or assets.', 'Programmes stop; presence ends (evacuation).'],
  },
  pc_h: 'Programme criticality (PC1–PC4)',
  pc_intro: 'Programme criticality says how much an activity matters, so it says how much residual risk the UN may accept to carry it out. PC1 is the most critical.',
  col_pc: 'PC',
  col_meaning: 'What it means',
  col_acceptable: 'Residual risk acceptable up to',
  pc: {
    PC1: 'Life-saving activity at scale (preventing loss of life right now), or an activity the Secretary-General directs or endorses.',
    PC2: 'Life-saving activity, or one essential to the immediate strategic results in the area.',
    PC3: 'An activity that contributes to the strategic results in the area but can wait or be done another way.',
    PC4: 'Any other activity. Travel that serves no programme is judged as PC4.',
  },
  acceptable_up_to: 'up to {level}',
  pc_notes: [
    'Unacceptable residual risk is never acceptable, whatever the PC: there is no presence.',
    'Very High residual risk also needs the approval of the organization’s executive head.',
    'High residual risk and above requires a PC assessment to exist.',
    'When the risk is not acceptable: control it (more measures), avoid it (another way of working, relocation, evacuation — decided by the Designated Official), transfer it, or do not proceed.',
  ],
  matrix_h: 'Risk matrix',
  matrix_intro: 'The risk level of a scenario is read where its likelihood (row) meets its impact (column).',
  matrix_caption: 'Risk level for each likelihood and impact',
  glossary_h: 'Glossary',
  glossary: [
    ['SRA', 'Security risk assessment: the analysis of threats, risks and measures for one SRM area, drafted by the security professional, reviewed by the security cell, endorsed by the SMT and approved by DSS.'],
    ['SRM area', 'Security risk management area: the part of a country that one SRA covers.'],
    ['DO', 'Designated Official: the senior UN official accountable for the security of UN personnel in the country; chairs the SMT and decides avoidance (relocation, evacuation).'],
    ['SMT', 'Security Management Team: the heads of the UN organizations present, chaired by the DO; endorses the SRA.'],
    ['Security cell', 'The security professionals of the organizations present; reviews the SRA and advises the SMT.'],
    ['MOSS', 'Minimum Operating Security Standards: the measures every office in the country must have, taken from the SRA.'],
    ['RSM', 'Residential Security Measures (formerly MORSS): the measures required for the residences of personnel.'],
    ['PC', 'Programme criticality: how critical an activity is (PC1 highest … PC4), which sets the residual risk that may be accepted for it.'],
    ['EGS', 'Executive Group on Security: decides go or no-go for an area in crisis; its decision overrides everything below it.'],
    ['Residual risk', 'The risk that remains once the measures of the SRA are in place; it is the one compared with the PC.'],
  ],
};

export const fr: HelpText = {
  title: 'Aide sur la méthode',
  intro: 'Comment une évaluation des risques de sécurité (SRA) note le risque : chaque scénario reçoit une probabilité et un impact, qui donnent ensemble un niveau de risque ; le risque résiduel après les mesures est comparé à ce que permet la criticité du programme.',
  likelihood_h: 'Niveaux de probabilité',
  likelihood_intro: 'À quel point il est probable que la menace nous touche dans cette zone pendant la période de la SRA, compte tenu de l’intention et de la capacité des auteurs et de ce qui s’est déjà produit.',
  likelihood: {
    'Very Unlikely': 'Ne devrait pas se produire. Aucune intention ni capacité connue, et aucun incident de ce type dans la zone ces dernières années.',
    Unlikely: 'Pourrait se produire mais n’est pas attendu. Incidents rares par le passé, ou intention ou capacité limitée.',
    'Moderately Likely': 'Pourrait bien se produire. C’est déjà arrivé dans la zone et la menace a l’intention comme la capacité.',
    Likely: 'Se produira probablement. De tels incidents arrivent régulièrement dans la zone ou contre des organisations semblables.',
    'Very Likely': 'Attendu, ou déjà en cours. Incidents fréquents, ou signes clairs d’un incident imminent.',
  },
  impact_h: 'Niveaux d’impact',
  impact_intro: 'La gravité des conséquences si cela se produisait, jugée pour le personnel, les biens et les opérations ; le plus élevé des trois compte.',
  col_level: 'Niveau',
  col_personnel: 'Personnel',
  col_assets: 'Biens',
  col_operations: 'Opérations',
  impact: {
    Negligible: ['Aucune blessure ; peu ou pas de stress.', 'Aucune perte ou dommage, ou très peu.', 'Aucun retard notable des programmes.'],
    Minor: ['Blessures légères ; un peu de stress.', 'Perte ou dommage mineur, facile à remplacer.', 'Quelques retards ; les programmes continuent.'],
    Moderate: ['Blessures sans danger de mort ; stress élevé.', 'Perte ou dommage de certains biens.', 'Retards de plusieurs programmes ; certaines activités s’arrêtent un temps.'],
    Severe: ['Blessures graves, enlèvement ou agression.', 'Perte ou destruction importante de biens.', 'Perturbation grave : programmes suspendus, personnel relocalisé.'],
    Critical: ['Décès ou blessure mettant la vie en danger.', 'Perte totale de locaux ou de biens.', 'Les programmes s’arrêtent ; fin de la présence (évacuation).'],
  },
  pc_h: 'Criticité des programmes (PC1–PC4)',
  pc_intro: 'La criticité d’un programme dit à quel point une activité compte, donc quel risque résiduel l’ONU peut accepter pour la mener. PC1 est la plus critique.',
  col_pc: 'PC',
  col_meaning: 'Signification',
  col_acceptable: 'Risque résiduel acceptable jusqu’à',
  pc: {
    PC1: 'Activité vitale à grande échelle (éviter des pertes de vies immédiates), ou activité ordonnée ou approuvée par le Secrétaire général.',
    PC2: 'Activité vitale, ou essentielle aux résultats stratégiques immédiats dans la zone.',
    PC3: 'Activité qui contribue aux résultats stratégiques dans la zone mais qui peut attendre ou se faire autrement.',
    PC4: 'Toute autre activité. Un déplacement qui ne sert aucun programme est jugé comme PC4.',
  },
  acceptable_up_to: 'jusqu’à {level}',
  pc_notes: [
    'Un risque résiduel Inacceptable ne l’est jamais, quelle que soit la PC : pas de présence.',
    'Un risque résiduel Très élevé exige aussi l’approbation du chef de secrétariat de l’organisation.',
    'À partir d’un risque résiduel Élevé, une évaluation de la PC doit exister.',
    'Quand le risque n’est pas acceptable : le maîtriser (plus de mesures), l’éviter (autre modalité, relocalisation, évacuation — décidé par le responsable désigné), le transférer, ou ne pas y aller.',
  ],
  matrix_h: 'Matrice des risques',
  matrix_intro: 'Le niveau de risque d’un scénario se lit à la croisée de sa probabilité (ligne) et de son impact (colonne).',
  matrix_caption: 'Niveau de risque pour chaque probabilité et chaque impact',
  glossary_h: 'Glossaire',
  glossary: [
    ['SRA', 'Évaluation des risques de sécurité : l’analyse des menaces, des risques et des mesures pour une zone SRM, rédigée par le professionnel de la sécurité, revue par la cellule de sécurité, entérinée par le SMT et approuvée par le DSS.'],
    ['Zone SRM', 'Zone de gestion des risques de sécurité : la partie d’un pays couverte par une SRA.'],
    ['DO', 'Responsable désigné : le haut fonctionnaire de l’ONU responsable de la sécurité du personnel de l’ONU dans le pays ; préside le SMT et décide de l’évitement (relocalisation, évacuation).'],
    ['SMT', 'Équipe de gestion de la sécurité : les chefs des organisations de l’ONU présentes, présidée par le DO ; entérine la SRA.'],
    ['Cellule de sécurité', 'Les professionnels de la sécurité des organisations présentes ; revoit la SRA et conseille le SMT.'],
    ['MOSS', 'Normes minimales de sécurité opérationnelle : les mesures que chaque bureau du pays doit avoir, tirées de la SRA.'],
    ['RSM', 'Mesures de sécurité résidentielle (anciennement MORSS) : les mesures exigées pour les logements du personnel.'],
    ['PC', 'Criticité des programmes : à quel point une activité est critique (PC1 la plus haute … PC4), ce qui fixe le risque résiduel acceptable pour elle.'],
    ['EGS', 'Groupe exécutif sur la sécurité : décide du go ou no-go pour une zone en crise ; sa décision l’emporte sur tout le reste.'],
    ['Risque résiduel', 'Le risque qui reste une fois les mesures de la SRA en place ; c’est lui qui est comparé à la PC.'],
  ],
};

export const ar: HelpText = {
  title: 'مساعدة حول المنهجية',
  intro: 'كيف يقيّم تقييم المخاطر الأمنية (SRA) الخطر: يُعطى كل سيناريو احتمالًا وأثرًا، ويعطيان معًا مستوى الخطر؛ ثم يُقارَن الخطر المتبقي بعد التدابير بما تسمح به أهمية البرنامج.',
  likelihood_h: 'مستويات الاحتمال',
  likelihood_intro: 'مدى احتمال أن يصيبنا التهديد في هذه المنطقة خلال مدة التقييم، بالنظر إلى نية الجهات المهددة وقدرتها وما حدث من قبل.',
  likelihood: {
    'Very Unlikely': 'لا يُتوقع حدوثه. لا نية ولا قدرة معروفة، ولا حادث من هذا النوع في المنطقة في السنوات الأخيرة.',
    Unlikely: 'قد يحدث لكنه غير متوقع. حوادث نادرة في الماضي، أو نية أو قدرة محدودة.',
    'Moderately Likely': 'قد يحدث فعلًا. سبق أن حدث في المنطقة، وللتهديد النية والقدرة معًا.',
    Likely: 'سيحدث على الأرجح. تقع مثل هذه الحوادث بانتظام في المنطقة أو ضد منظمات مماثلة.',
    'Very Likely': 'متوقع الحدوث أو يحدث بالفعل. حوادث متكررة أو علامات واضحة على حادث وشيك.',
  },
  impact_h: 'مستويات الأثر',
  impact_intro: 'مدى شدة الضرر إن حدث، ويُقدَّر للأفراد والأصول والعمليات؛ ويُعتد بأعلى الثلاثة.',
  col_level: 'المستوى',
  col_personnel: 'الأفراد',
  col_assets: 'الأصول',
  col_operations: 'العمليات',
  impact: {
    Negligible: ['لا إصابات؛ ضغط نفسي قليل أو معدوم.', 'لا خسارة أو ضرر، أو القليل جدًا.', 'لا تأخير ملحوظ في البرامج.'],
    Minor: ['إصابات طفيفة؛ بعض الضغط النفسي.', 'خسارة أو ضرر طفيف يسهل تعويضه.', 'بعض التأخير؛ تستمر البرامج.'],
    Moderate: ['إصابات لا تهدد الحياة؛ ضغط نفسي شديد.', 'خسارة أو ضرر في بعض الأصول.', 'تأخير عدة برامج؛ توقف بعض الأنشطة مؤقتًا.'],
    Severe: ['إصابات خطيرة أو اختطاف أو اعتداء.', 'خسارة أو تدمير كبير للأصول.', 'اضطراب شديد: تعليق البرامج ونقل الموظفين.'],
    Critical: ['وفاة أو إصابة تهدد الحياة.', 'خسارة كاملة للمباني أو الأصول.', 'توقف البرامج وانتهاء الوجود (إجلاء).'],
  },
  pc_h: 'أهمية البرامج (PC1–PC4)',
  pc_intro: 'تبيّن أهمية البرنامج مدى أهمية النشاط، وبالتالي مقدار الخطر المتبقي الذي يمكن للأمم المتحدة قبوله لتنفيذه. PC1 هي الأعلى أهمية.',
  col_pc: 'PC',
  col_meaning: 'المعنى',
  col_acceptable: 'الخطر المتبقي مقبول حتى',
  pc: {
    PC1: 'نشاط منقذ للحياة على نطاق واسع (منع خسائر في الأرواح الآن)، أو نشاط يوجّه به الأمين العام أو يقرّه.',
    PC2: 'نشاط منقذ للحياة، أو نشاط أساسي للنتائج الاستراتيجية الفورية في المنطقة.',
    PC3: 'نشاط يسهم في النتائج الاستراتيجية في المنطقة لكنه يحتمل التأجيل أو التنفيذ بطريقة أخرى.',
    PC4: 'أي نشاط آخر. السفر الذي لا يخدم أي برنامج يُعامل كـ PC4.',
  },
  acceptable_up_to: 'حتى {level}',
  pc_notes: [
    'الخطر المتبقي غير المقبول لا يُقبل أبدًا مهما كانت الأهمية: لا وجود.',
    'الخطر المتبقي المرتفع جدًا يتطلب أيضًا موافقة الرئيس التنفيذي للمنظمة.',
    'ابتداءً من الخطر المتبقي المرتفع يجب أن يوجد تقييم لأهمية البرامج.',
    'عندما لا يكون الخطر مقبولًا: السيطرة عليه (مزيد من التدابير)، أو تجنبه (طريقة عمل أخرى، نقل، إجلاء — بقرار من المسؤول المعيَّن)، أو نقله، أو عدم المضي.',
  ],
  matrix_h: 'مصفوفة المخاطر',
  matrix_intro: 'يُقرأ مستوى خطر السيناريو حيث يلتقي احتماله (الصف) بأثره (العمود).',
  matrix_caption: 'مستوى الخطر لكل احتمال وأثر',
  glossary_h: 'مسرد المصطلحات',
  glossary: [
    ['SRA', 'تقييم المخاطر الأمنية: تحليل التهديدات والمخاطر والتدابير لمنطقة واحدة لإدارة المخاطر الأمنية، يعدّه المختص الأمني وتراجعه الخلية الأمنية ويقرّه فريق إدارة الأمن وتعتمده إدارة شؤون السلامة والأمن.'],
    ['منطقة SRM', 'منطقة إدارة المخاطر الأمنية: جزء البلد الذي يغطيه تقييم واحد.'],
    ['DO', 'المسؤول المعيَّن: كبير مسؤولي الأمم المتحدة المساءل عن أمن موظفي الأمم المتحدة في البلد؛ يرأس فريق إدارة الأمن ويقرر التجنب (النقل، الإجلاء).'],
    ['SMT', 'فريق إدارة الأمن: رؤساء منظمات الأمم المتحدة الموجودة، برئاسة المسؤول المعيَّن؛ يقرّ التقييم.'],
    ['الخلية الأمنية', 'المختصون الأمنيون في المنظمات الموجودة؛ تراجع التقييم وتقدم المشورة لفريق إدارة الأمن.'],
    ['MOSS', 'معايير العمل الأمنية الدنيا: التدابير التي يجب أن تتوفر في كل مكتب في البلد، مأخوذة من التقييم.'],
    ['RSM', 'تدابير الأمن السكني (سابقًا MORSS): التدابير المطلوبة لمساكن الموظفين.'],
    ['PC', 'أهمية البرامج: مدى أهمية النشاط (PC1 الأعلى … PC4)، وهي تحدد الخطر المتبقي الذي يمكن قبوله له.'],
    ['EGS', 'الفريق التنفيذي المعني بالأمن: يقرر المضي أو عدمه لمنطقة في أزمة؛ وقراره يعلو على كل ما دونه.'],
    ['الخطر المتبقي', 'الخطر الذي يبقى بعد تطبيق تدابير التقييم؛ وهو الذي يُقارن بأهمية البرنامج.'],
  ],
};
