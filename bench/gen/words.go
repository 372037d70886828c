package gen

// Word lists the generators compose names and sentences from. They are common
// Chinese words and names, not taken from any seed page (see gazetteer/SOURCE.md).

// surnames: common Chinese surnames (single characters).
var surnames = []string{
	"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗",
	"郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡",
	"余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金",
	"石", "廖", "贾", "夏", "韦", "付", "方", "白", "邹", "孟", "熊", "秦", "邱", "江", "尹", "薛", "闫", "段", "雷", "侯",
	"龙", "史", "陶", "黎", "贺", "顾", "毛", "郝", "龚", "邵", "万", "钱", "严", "覃", "武", "戴", "莫", "孔", "向", "汤",
}

// givenChars: characters common in given names.
var givenChars = []string{
	"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞", "平",
	"刚", "桂", "英", "华", "玉", "萍", "红", "鹏", "建", "文", "辉", "力", "波", "宁", "斌", "宇", "浩", "凯", "健", "俊",
	"帆", "帅", "旭", "晨", "琳", "雪", "慧", "婷", "倩", "颖", "欣", "悦", "睿", "博", "思", "佳", "子", "梓", "晓", "志",
	"海", "峰", "东", "亮", "成", "国", "春", "新", "永", "德", "光", "林", "荣", "彬", "飞", "昊", "然", "轩", "泽", "航",
	"铭", "楠", "蕾", "薇", "璐", "馨", "瑶", "哲", "毅", "胜", "喜", "民", "忠", "振", "兴", "安", "宏", "立", "学", "良",
	"晶", "露", "燕", "梅", "琴", "云", "莉", "兰", "凤", "洁", "雯", "青", "松", "坤", "鑫", "森", "岩", "斐", "嘉", "彤",
}

// coreChars: syllables firms and projects take their brand names from.
var coreChars = []string{
	"华", "科", "瑞", "信", "达", "通", "德", "康", "诺", "威", "博", "创", "源", "天", "鑫", "泰", "联", "智", "芯", "微",
	"光", "海", "宏", "盛", "恒", "安", "元", "精", "中", "正", "汇", "久", "普", "金", "润", "晟", "洲", "锐", "星", "辰",
}

// industries: the trade part of a firm name.
var industries = []string{
	"科技", "生物医药", "新材料", "电子", "智能装备", "软件", "半导体", "新能源", "机器人", "环保科技",
	"信息技术", "光电", "磁材料", "精密制造", "医疗器械", "数据科技", "网络科技", "化工", "汽车零部件", "基因药业",
}

// firmSuffixes: legal-form suffixes of enterprise names.
var firmSuffixes = []string{"有限公司", "股份有限公司"}

// nationalBanks: banks named in full; city banks are composed from a city name.
var nationalBanks = []string{
	"中国银行", "中国工商银行", "中国建设银行", "中国农业银行", "交通银行", "招商银行", "浦发银行",
	"兴业银行", "中信银行", "民生银行", "光大银行", "华夏银行", "平安银行", "广发银行",
}

// citybankSuffixes: city commercial and rural banks.
var cityBankSuffixes = []string{"银行", "农村商业银行"}

// institutionKinds: the kind part of an institution name.
var institutionKinds = []string{
	"理工大学", "科技学院", "研究院", "实验室", "技术研究所", "产业技术研究院", "工程技术中心", "创新中心", "职业技术学院", "检测中心",
}

// parkSectors and parkKinds compose the names of sub-parks of a zone.
var parkSectors = []string{
	"物联网", "互联网", "生物医药", "人工智能", "集成电路", "新材料", "智能制造", "软件", "数字经济", "新能源汽车",
	"光电子", "大数据", "医疗器械", "航空航天", "机器人", "稀土新材料", "节能环保", "现代物流",
}

var parkKinds = []string{"产业园", "科技园", "创新园", "孵化园", "小镇", "产业基地"}

// projectKinds: the kind part of a project name.
var projectKinds = []string{
	"智能制造生产基地", "产业园", "研发中心", "生产线扩建项目", "试验中心", "总部基地", "产业化项目",
	"仓储基地", "检测平台", "中试基地", "数据中心", "创新中心", "装配车间", "研究院大楼", "物流园",
}

var projectPhases = []string{"", "二期", "三期"}

var projectStatuses = []string{"signed", "under_construction", "started", "operating", "planned"}

// firmTitles: positions people hold in enterprises.
var firmTitles = []string{
	"董事长", "总经理", "副总经理", "总裁", "研发总监", "技术总监", "财务总监", "高级总监", "研发室主任", "生产部经理",
}

// institutionTitles and zoneTitles: positions in institutions and zone administrations.
var institutionTitles = []string{"院长", "主任", "副主任", "教授", "研究员", "负责人"}
var zoneTitles = []string{"党工委书记", "管委会主任", "管委会副主任", "招商局局长"}

var investRoles = []string{"投资", "共建", "增资"}

var loanInstruments = []string{"知识产权质押", "流动资金贷款", "设备+知识产权质押", "信用贷款", "股权质押"}

var agreements = []string{"战略合作协议", "技术合作协议", "产学研合作协议", "供货合作协议", "联合研发协议", "机器人租赁合作协议"}
