//! The interface's own words, in every language the app speaks.

/// A language of the interface.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Locale {
    /// Simplified Chinese, the default.
    #[default]
    Zh,
    /// English.
    En,
}

impl Locale {
    /// Every locale, in the order the switch offers them.
    pub const ALL: [Locale; 2] = [Locale::Zh, Locale::En];

    /// The BCP 47 tag, as feeds and the `lang` attribute use it.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::Zh => "zh-CN",
            Locale::En => "en",
        }
    }

    /// The short form used in `?lang=`.
    pub fn param(self) -> &'static str {
        match self {
            Locale::Zh => "zh",
            Locale::En => "en",
        }
    }

    /// Reads `zh`, `zh-CN`, `en`, `en-GB` and the like.
    pub fn parse(s: &str) -> Option<Locale> {
        let lower = s.trim().to_ascii_lowercase();
        if lower == "zh" || lower.starts_with("zh-") {
            Some(Locale::Zh)
        } else if lower == "en" || lower.starts_with("en-") {
            Some(Locale::En)
        } else {
            None
        }
    }

    /// The language's name in itself, for the switch.
    pub fn autonym(self) -> &'static str {
        match self {
            Locale::Zh => "中文",
            Locale::En => "English",
        }
    }

    /// The interface's words in this language.
    pub fn ui(self) -> &'static Ui {
        match self {
            Locale::Zh => &ZH,
            Locale::En => &EN,
        }
    }
}

/// Every fixed string of the interface.
pub struct Ui {
    pub app_name: &'static str,
    pub skip_to_content: &'static str,
    pub loading_menu: &'static str,
    pub error_title: &'static str,
    pub error_body: &'static str,
    pub error_hotline: &'static str,
    pub error_details: &'static str,
    pub try_again: &'static str,
    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub go_to_menu: &'static str,
    pub my_requests: &'static str,
    pub language: &'static str,
    pub services_count: &'static str,
    pub no_services: &'static str,
    pub back_to_menu: &'static str,
    pub service_not_found: &'static str,
    pub provided_by: &'static str,
    pub notices: &'static str,
    pub menu_version: &'static str,
}

static ZH: Ui = Ui {
    app_name: "菜单",
    skip_to_content: "跳到主要内容",
    loading_menu: "正在加载服务菜单……",
    error_title: "暂时无法显示服务菜单",
    error_body: "服务菜单没有正确加载。请稍后再试，或拨打服务热线。",
    error_hotline: "服务热线",
    error_details: "给发布单位的详细信息",
    try_again: "重试",
    not_found_title: "找不到这个页面",
    not_found_body: "您要找的页面不存在，可能链接有误。",
    go_to_menu: "返回服务菜单",
    my_requests: "我的申请",
    language: "语言",
    services_count: "项服务",
    no_services: "这个类别暂时没有服务。",
    back_to_menu: "返回服务菜单",
    service_not_found: "找不到这项服务",
    provided_by: "服务提供方",
    notices: "通知",
    menu_version: "菜单版本",
};

static EN: Ui = Ui {
    app_name: "Caidan",
    skip_to_content: "Skip to main content",
    loading_menu: "Loading the menu…",
    error_title: "We can't show the menu right now",
    error_body:
        "The service menu did not load properly. Please try again later, or call the hotline.",
    error_hotline: "Hotline",
    error_details: "Details for the publisher",
    try_again: "Try again",
    not_found_title: "Page not found",
    not_found_body: "The page you are looking for does not exist. The link may be wrong.",
    go_to_menu: "Go to the menu",
    my_requests: "My requests",
    language: "Language",
    services_count: "services",
    no_services: "No services in this category yet.",
    back_to_menu: "Back to the menu",
    service_not_found: "Service not found",
    provided_by: "Provided by",
    notices: "Notices",
    menu_version: "Menu version",
};
