"""Where services are delivered. Addresses are fictional but plausible."""

from . import T
from .regions import CENTROIDS

WEEKDAYS = "MO,TU,WE,TH,FR"
EVERY_DAY = "MO,TU,WE,TH,FR,SA,SU"


def hours(byday, opens, closes):
    return {"byday": byday, "opens_at": opens, "closes_at": closes}


OFFICE = [hours(WEEKDAYS, "08:30", "17:30")]
STEP_FREE = T("无障碍坡道，一层办理，有无障碍卫生间。",
              "Step-free ramp, ground-floor service, accessible toilet.")
LIFT = T("有电梯和无障碍卫生间，可借用轮椅。",
         "Lift and accessible toilet; wheelchairs can be borrowed.")
STAIRS = T("位于二层，暂无电梯；工作人员可下楼接待。",
           "On the first floor with no lift; staff can come down to meet you.")


def loc(id, zh, en, azh, aen, region, dlat, dlon, phone, schedules, access):
    lat, lon = CENTROIDS[region]
    return {
        "id": id,
        "name": T(zh, en),
        "address": T(azh, aen),
        "region": region,
        "latitude": round(lat + dlat, 4),
        "longitude": round(lon + dlon, 4),
        "phone": "tel:" + phone,
        "schedules": schedules,
        "accessibility": access,
    }


LOCATIONS = [
    # Dongcheng.
    loc("loc-jdk-centre", "交道口街道社区服务中心", "Jiaodaokou Community Service Centre",
        "东城区北锣鼓巷36号", "36 Beiluoguxiang, Dongcheng",
        "110101003001", 0.0003, -0.0002, "010-6403-1200",
        OFFICE + [hours("SA", "09:00", "12:00")], STEP_FREE),
    loc("loc-jdk-canteen", "菊儿胡同老年餐桌", "Ju'er Hutong Senior Canteen",
        "东城区菊儿胡同12号", "12 Ju'er Hutong, Dongcheng",
        "110101003003", 0.0002, 0.0004, "010-6402-6688",
        [hours(EVERY_DAY, "11:00", "13:30"), hours(EVERY_DAY, "17:00", "18:30")], STEP_FREE),
    loc("loc-jdk-health", "交道口社区卫生服务中心", "Jiaodaokou Community Health Service Centre",
        "东城区交道口南大街118号", "118 Jiaodaokou South Street, Dongcheng",
        "110101003002", -0.0004, 0.0006, "010-6404-1120",
        [hours(WEEKDAYS, "08:00", "17:00"), hours("SA,SU", "08:00", "12:00")], LIFT),
    loc("loc-jingshan-daycare", "景山老年日间照料中心", "Jingshan Senior Day Care Centre",
        "东城区吉祥胡同8号", "8 Jixiang Hutong, Dongcheng",
        "110101002002", 0.0002, -0.0003, "010-6401-5508",
        [hours(WEEKDAYS, "08:00", "18:00")], STEP_FREE),
    loc("loc-dhm-reading", "南池子书香驿站", "Nanchizi Reading Room",
        "东城区南池子大街55号", "55 Nanchizi Street, Dongcheng",
        "110101001003", 0.0001, 0.0002, "010-6405-7720",
        [hours("TU,WE,TH,FR,SA,SU", "09:00", "20:00")], STEP_FREE),
    loc("loc-dhm-xinyang", "心阳社工事务所韶九工作站", "Xinyang Social Work Station, Shaojiu",
        "东城区韶九胡同21号", "21 Shaojiu Hutong, Dongcheng",
        "110101001002", -0.0002, 0.0001, "010-6512-0000",
        OFFICE, STAIRS),
    loc("loc-adm-veterans", "安定门退役军人服务站", "Andingmen Veterans' Service Station",
        "东城区国子监街15号", "15 Guozijian Street, Dongcheng",
        "110101004001", 0.0003, 0.0001, "010-6407-8110",
        OFFICE, STEP_FREE),
    loc("loc-adm-federation", "东城区社会组织服务大厅", "Dongcheng Social Organisations Hall",
        "东城区五道营胡同40号", "40 Wudaoying Hutong, Dongcheng",
        "110101004002", -0.0002, -0.0004, "010-6401-2200",
        OFFICE, LIFT),
    # Xicheng.
    loc("loc-xjk-centre", "新街口街道社区服务中心", "Xinjiekou Community Service Centre",
        "西城区赵登禹路88号", "88 Zhaodengyu Road, Xicheng",
        "110102003001", 0.0004, 0.0002, "010-6616-4400",
        OFFICE + [hours("SA", "09:00", "12:00")], STEP_FREE),
    loc("loc-zll-warmhome", "展览路温馨家园", "Zhanlanlu Warm Home",
        "西城区百万庄大街17号", "17 Baiwanzhuang Street, Xicheng",
        "110102007001", 0.0002, 0.0003, "010-6615-2290",
        [hours(WEEKDAYS, "08:30", "17:00")], LIFT),
    loc("loc-yuetan-health", "月坛社区卫生服务中心", "Yuetan Community Health Service Centre",
        "西城区南礼士路60号", "60 Nanlishi Road, Xicheng",
        "110102004002", -0.0003, -0.0002, "010-6852-7730",
        [hours(WEEKDAYS, "08:00", "17:00"), hours("SA", "08:00", "12:00")], LIFT),
    loc("loc-xc-insurance", "西城区社会保险服务大厅", "Xicheng Social Insurance Hall",
        "西城区复兴门北大街6号", "6 Fuxingmen North Street, Xicheng",
        "110102004003", 0.0001, -0.0001, "010-6617-3355",
        [hours(WEEKDAYS, "09:00", "17:00")], LIFT),
    loc("loc-xca-building", "西长安街楼宇服务站", "Xichang'anjie Office Building Station",
        "西城区六部口大厦一层", "Ground floor, Liubukou Tower, Xicheng",
        "110102001002", 0.0002, 0.0002, "010-6602-1187",
        [hours(WEEKDAYS, "09:00", "18:00")], LIFT),
    loc("loc-cgz-hotline", "爱心传递热线接听中心", "Aixin Chuandi Hotline Centre",
        "西城区车公庄大街9号院", "Courtyard 9, Chegongzhuang Street, Xicheng",
        "110102007002", -0.0001, 0.0002, "010-6209-5500",
        [hours(EVERY_DAY, "08:00", "22:00")], STAIRS),
    # Chaoyang.
    loc("loc-ghl-building", "光华里商务楼宇“五站合一”服务站",
        "Guanghuali Office Building Five-in-One Station",
        "朝阳区光华路甲8号一层", "Ground floor, 8A Guanghua Road, Chaoyang",
        "110105001002", 0.0003, -0.0001, "010-6581-9020",
        [hours(WEEKDAYS, "09:00", "19:00")], LIFT),
    loc("loc-cw-employment", "朝阳区公共就业服务大厅", "Chaoyang Public Employment Hall",
        "朝阳区吉祥里108号", "108 Jixiangli, Chaoyang",
        "110105002001", 0.0002, 0.0003, "010-6508-8841",
        OFFICE, LIFT),
    loc("loc-fcd-canteen", "芳草地老年餐桌", "Fangcaodi Senior Canteen",
        "朝阳区芳草地西街3号", "3 Fangcaodi West Street, Chaoyang",
        "110105002003", -0.0001, 0.0002, "010-6593-6688",
        [hours(EVERY_DAY, "11:00", "13:30")], STEP_FREE),
    loc("loc-ybl-kids", "雅宝里青苗课后托管点", "Yabaoli Seedling After-school Club",
        "朝阳区雅宝里小区5号楼底商", "Ground floor, Building 5, Yabaoli, Chaoyang",
        "110105002002", 0.0002, -0.0002, "010-6468-9025",
        [hours(WEEKDAYS, "15:30", "19:00")], STEP_FREE),
    loc("loc-hjl-health", "呼家楼社区卫生服务中心", "Hujialou Community Health Service Centre",
        "朝阳区金台里17号", "17 Jintaili, Chaoyang",
        "110105003002", 0.0001, 0.0003, "010-6582-6610",
        [hours(WEEKDAYS, "08:00", "17:00"), hours("SA,SU", "08:00", "12:00")], LIFT),
    loc("loc-hjl-station", "呼家楼一刻钟便民服务驿站", "Hujialou 15-minute Service Post",
        "朝阳区核桃园东里2号", "2 Hetaoyuan Dongli, Chaoyang",
        "110105003003", -0.0002, -0.0001, "010-6506-4471",
        [hours("TU,WE,TH,FR,SA,SU", "08:30", "18:00")], STEP_FREE),
    loc("loc-wj-neighbourhood", "望京邻里中心", "Wangjing Neighbourhood Centre",
        "朝阳区南湖东园122号楼", "Building 122, Nanhu Dongyuan, Chaoyang",
        "110105025002", 0.0003, 0.0002, "010-6471-2208",
        OFFICE + [hours("SA,SU", "09:00", "16:00")], LIFT),
    loc("loc-wj-square", "方舟苑文化广场", "Fangzhouyuan Culture Square",
        "朝阳区方舟苑小区中心广场", "Central square, Fangzhouyuan, Chaoyang",
        "110105025003", 0.0001, -0.0003, "010-6593-1180",
        [hours(EVERY_DAY, "07:00", "09:00"), hours(EVERY_DAY, "19:00", "21:00")],
        T("室外广场，地面平整，无台阶。", "Open-air square, level ground, no steps.")),
]
