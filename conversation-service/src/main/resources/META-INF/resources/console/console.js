// ../sdk/typescript/target/generated/tenant/runtime.ts
var BASE_PATH = "http://localhost:8081".replace(/\/+$/, "");
var Configuration = class {
  constructor(configuration = {}) {
    this.configuration = configuration;
  }
  configuration;
  set config(configuration) {
    this.configuration = configuration;
  }
  get basePath() {
    return this.configuration.basePath != null ? this.configuration.basePath : BASE_PATH;
  }
  get fetchApi() {
    return this.configuration.fetchApi;
  }
  get middleware() {
    return this.configuration.middleware || [];
  }
  get queryParamsStringify() {
    return this.configuration.queryParamsStringify || querystring;
  }
  get username() {
    return this.configuration.username;
  }
  get password() {
    return this.configuration.password;
  }
  get apiKey() {
    const apiKey = this.configuration.apiKey;
    if (apiKey) {
      return typeof apiKey === "function" ? apiKey : () => apiKey;
    }
    return void 0;
  }
  get accessToken() {
    const accessToken = this.configuration.accessToken;
    if (accessToken) {
      return typeof accessToken === "function" ? accessToken : async () => accessToken;
    }
    return void 0;
  }
  get headers() {
    return this.configuration.headers;
  }
  get credentials() {
    return this.configuration.credentials;
  }
};
var DefaultConfig = new Configuration();
var BaseAPI = class _BaseAPI {
  constructor(configuration = DefaultConfig) {
    this.configuration = configuration;
    this.middleware = configuration.middleware;
  }
  configuration;
  static jsonRegex = /^(:?application\/json|[^;/ \t]+\/[^;/ \t]+[+]json)[ \t]*(:?;.*)?$/i;
  middleware;
  withMiddleware(...middlewares) {
    const next = this.clone();
    next.middleware = next.middleware.concat(...middlewares);
    return next;
  }
  withPreMiddleware(...preMiddlewares) {
    const middlewares = preMiddlewares.map((pre) => ({ pre }));
    return this.withMiddleware(...middlewares);
  }
  withPostMiddleware(...postMiddlewares) {
    const middlewares = postMiddlewares.map((post) => ({ post }));
    return this.withMiddleware(...middlewares);
  }
  /**
   * Check if the given MIME is a JSON MIME.
   * JSON MIME examples:
   *   application/json
   *   application/json; charset=UTF8
   *   APPLICATION/JSON
   *   application/vnd.company+json
   * @param mime - MIME (Multipurpose Internet Mail Extensions)
   * @return True if the given MIME is JSON, false otherwise.
   */
  isJsonMime(mime) {
    if (!mime) {
      return false;
    }
    return _BaseAPI.jsonRegex.test(mime);
  }
  async request(context, initOverrides) {
    const { url, init } = await this.createFetchParams(context, initOverrides);
    const response = await this.fetchApi(url, init);
    if (response && (response.status >= 200 && response.status < 300)) {
      return response;
    }
    throw new ResponseError(response, "Response returned an error code");
  }
  async createFetchParams(context, initOverrides) {
    let url = this.configuration.basePath + context.path;
    if (context.query !== void 0 && Object.keys(context.query).length !== 0) {
      url += "?" + this.configuration.queryParamsStringify(context.query);
    }
    const headers = Object.assign({}, this.configuration.headers, context.headers);
    Object.keys(headers).forEach((key) => headers[key] === void 0 ? delete headers[key] : {});
    const initOverrideFn = typeof initOverrides === "function" ? initOverrides : async () => initOverrides;
    const initParams = {
      method: context.method,
      headers,
      body: context.body,
      credentials: this.configuration.credentials
    };
    const overriddenInit = {
      ...initParams,
      ...await initOverrideFn({
        init: initParams,
        context
      })
    };
    let body;
    if (isFormData(overriddenInit.body) || overriddenInit.body instanceof URLSearchParams || isBlob(overriddenInit.body)) {
      body = overriddenInit.body;
    } else if (this.isJsonMime(headers["Content-Type"])) {
      body = JSON.stringify(overriddenInit.body);
    } else {
      body = overriddenInit.body;
    }
    const init = {
      ...overriddenInit,
      body
    };
    return { url, init };
  }
  fetchApi = async (url, init) => {
    let fetchParams = { url, init };
    for (const middleware of this.middleware) {
      if (middleware.pre) {
        fetchParams = await middleware.pre({
          fetch: this.fetchApi,
          ...fetchParams
        }) || fetchParams;
      }
    }
    let response = void 0;
    try {
      response = await (this.configuration.fetchApi || fetch)(fetchParams.url, fetchParams.init);
    } catch (e) {
      for (const middleware of this.middleware) {
        if (middleware.onError) {
          response = await middleware.onError({
            fetch: this.fetchApi,
            url: fetchParams.url,
            init: fetchParams.init,
            error: e,
            response: response ? response.clone() : void 0
          }) || response;
        }
      }
      if (response === void 0) {
        if (e instanceof Error) {
          throw new FetchError(e, "The request failed and the interceptors did not return an alternative response");
        } else {
          throw e;
        }
      }
    }
    for (const middleware of this.middleware) {
      if (middleware.post) {
        response = await middleware.post({
          fetch: this.fetchApi,
          url: fetchParams.url,
          init: fetchParams.init,
          response: response.clone()
        }) || response;
      }
    }
    return response;
  };
  /**
   * Create a shallow clone of `this` by constructing a new instance
   * and then shallow cloning data members.
   */
  clone() {
    const constructor = this.constructor;
    const next = new constructor(this.configuration);
    next.middleware = this.middleware.slice();
    return next;
  }
};
function isBlob(value) {
  return typeof Blob !== "undefined" && value instanceof Blob;
}
function isFormData(value) {
  return typeof FormData !== "undefined" && value instanceof FormData;
}
var ResponseError = class extends Error {
  constructor(response, msg) {
    super(msg);
    this.response = response;
    const actualProto = new.target.prototype;
    if (Object.setPrototypeOf) {
      Object.setPrototypeOf(this, actualProto);
    }
  }
  response;
  name = "ResponseError";
};
var FetchError = class extends Error {
  constructor(cause, msg) {
    super(msg);
    this.cause = cause;
    const actualProto = new.target.prototype;
    if (Object.setPrototypeOf) {
      Object.setPrototypeOf(this, actualProto);
    }
  }
  cause;
  name = "FetchError";
};
var RequiredError = class extends Error {
  constructor(field, msg) {
    super(msg);
    this.field = field;
    const actualProto = new.target.prototype;
    if (Object.setPrototypeOf) {
      Object.setPrototypeOf(this, actualProto);
    }
  }
  field;
  name = "RequiredError";
};
function querystring(params, prefix = "") {
  return Object.keys(params).map((key) => querystringSingleKey(key, params[key], prefix)).filter((part) => part.length > 0).join("&");
}
function querystringSingleKey(key, value, keyPrefix = "") {
  const fullKey = keyPrefix + (keyPrefix.length ? `[${key}]` : key);
  if (value instanceof Array) {
    const multiValue = value.map((singleValue) => encodeURIComponent(String(singleValue))).join(`&${encodeURIComponent(fullKey)}=`);
    return `${encodeURIComponent(fullKey)}=${multiValue}`;
  }
  if (value instanceof Set) {
    const valueAsArray = Array.from(value);
    return querystringSingleKey(key, valueAsArray, keyPrefix);
  }
  if (value instanceof Date) {
    return `${encodeURIComponent(fullKey)}=${encodeURIComponent(serializeDateTime(value))}`;
  }
  if (value instanceof Object) {
    return querystring(value, fullKey);
  }
  return `${encodeURIComponent(fullKey)}=${encodeURIComponent(String(value))}`;
}
function serializeDateTime(value) {
  return value.toISOString();
}
var JSONApiResponse = class {
  constructor(raw, transformer = (jsonValue) => jsonValue) {
    this.raw = raw;
    this.transformer = transformer;
  }
  raw;
  transformer;
  async value() {
    return this.transformer(await this.raw.json());
  }
};

// ../sdk/typescript/target/generated/tenant/models/LoginRequest.ts
function LoginRequestToJSON(json) {
  return LoginRequestToJSONTyped(json, false);
}
function LoginRequestToJSONTyped(value, ignoreDiscriminator = false) {
  if (value == null) {
    return value;
  }
  return {
    "email": value["email"],
    "password": value["password"]
  };
}

// ../sdk/typescript/target/generated/tenant/models/TokenResponse.ts
function TokenResponseFromJSON(json) {
  return TokenResponseFromJSONTyped(json, false);
}
function TokenResponseFromJSONTyped(json, ignoreDiscriminator) {
  if (json == null) {
    return json;
  }
  return {
    "accessToken": json["access_token"] == null ? void 0 : json["access_token"],
    "tokenType": json["token_type"] == null ? void 0 : json["token_type"],
    "expiresIn": json["expires_in"] == null ? void 0 : json["expires_in"]
  };
}

// ../sdk/typescript/target/generated/tenant/apis/AuthApi.ts
var AuthApi = class extends BaseAPI {
  /**
   * Creates request options for login without sending the request
   */
  async loginRequestOpts(requestParameters) {
    if (requestParameters["loginRequest"] == null) {
      throw new RequiredError(
        "loginRequest",
        'Required parameter "loginRequest" was null or undefined when calling login().'
      );
    }
    const queryParameters = {};
    const headerParameters = {};
    headerParameters["Content-Type"] = "application/json";
    let urlPath = `/auth/login`;
    return {
      path: urlPath,
      method: "POST",
      headers: headerParameters,
      query: queryParameters,
      body: LoginRequestToJSON(requestParameters["loginRequest"])
    };
  }
  /**
   * Log in with e-mail and password; returns a short-lived bearer token
   */
  async loginRaw(requestParameters, initOverrides) {
    const requestOptions = await this.loginRequestOpts(requestParameters);
    const response = await this.request(requestOptions, initOverrides);
    return new JSONApiResponse(response, (jsonValue) => TokenResponseFromJSON(jsonValue));
  }
  /**
   * Log in with e-mail and password; returns a short-lived bearer token
   */
  async login(requestParameters, initOverrides) {
    const response = await this.loginRaw(requestParameters, initOverrides);
    return await response.value();
  }
};

// ../sdk/typescript/target/generated/conversation/runtime.ts
var BASE_PATH2 = "http://localhost:8082".replace(/\/+$/, "");
var Configuration2 = class {
  constructor(configuration = {}) {
    this.configuration = configuration;
  }
  configuration;
  set config(configuration) {
    this.configuration = configuration;
  }
  get basePath() {
    return this.configuration.basePath != null ? this.configuration.basePath : BASE_PATH2;
  }
  get fetchApi() {
    return this.configuration.fetchApi;
  }
  get middleware() {
    return this.configuration.middleware || [];
  }
  get queryParamsStringify() {
    return this.configuration.queryParamsStringify || querystring2;
  }
  get username() {
    return this.configuration.username;
  }
  get password() {
    return this.configuration.password;
  }
  get apiKey() {
    const apiKey = this.configuration.apiKey;
    if (apiKey) {
      return typeof apiKey === "function" ? apiKey : () => apiKey;
    }
    return void 0;
  }
  get accessToken() {
    const accessToken = this.configuration.accessToken;
    if (accessToken) {
      return typeof accessToken === "function" ? accessToken : async () => accessToken;
    }
    return void 0;
  }
  get headers() {
    return this.configuration.headers;
  }
  get credentials() {
    return this.configuration.credentials;
  }
};
var DefaultConfig2 = new Configuration2();
var BaseAPI2 = class _BaseAPI {
  constructor(configuration = DefaultConfig2) {
    this.configuration = configuration;
    this.middleware = configuration.middleware;
  }
  configuration;
  static jsonRegex = /^(:?application\/json|[^;/ \t]+\/[^;/ \t]+[+]json)[ \t]*(:?;.*)?$/i;
  middleware;
  withMiddleware(...middlewares) {
    const next = this.clone();
    next.middleware = next.middleware.concat(...middlewares);
    return next;
  }
  withPreMiddleware(...preMiddlewares) {
    const middlewares = preMiddlewares.map((pre) => ({ pre }));
    return this.withMiddleware(...middlewares);
  }
  withPostMiddleware(...postMiddlewares) {
    const middlewares = postMiddlewares.map((post) => ({ post }));
    return this.withMiddleware(...middlewares);
  }
  /**
   * Check if the given MIME is a JSON MIME.
   * JSON MIME examples:
   *   application/json
   *   application/json; charset=UTF8
   *   APPLICATION/JSON
   *   application/vnd.company+json
   * @param mime - MIME (Multipurpose Internet Mail Extensions)
   * @return True if the given MIME is JSON, false otherwise.
   */
  isJsonMime(mime) {
    if (!mime) {
      return false;
    }
    return _BaseAPI.jsonRegex.test(mime);
  }
  async request(context, initOverrides) {
    const { url, init } = await this.createFetchParams(context, initOverrides);
    const response = await this.fetchApi(url, init);
    if (response && (response.status >= 200 && response.status < 300)) {
      return response;
    }
    throw new ResponseError2(response, "Response returned an error code");
  }
  async createFetchParams(context, initOverrides) {
    let url = this.configuration.basePath + context.path;
    if (context.query !== void 0 && Object.keys(context.query).length !== 0) {
      url += "?" + this.configuration.queryParamsStringify(context.query);
    }
    const headers = Object.assign({}, this.configuration.headers, context.headers);
    Object.keys(headers).forEach((key) => headers[key] === void 0 ? delete headers[key] : {});
    const initOverrideFn = typeof initOverrides === "function" ? initOverrides : async () => initOverrides;
    const initParams = {
      method: context.method,
      headers,
      body: context.body,
      credentials: this.configuration.credentials
    };
    const overriddenInit = {
      ...initParams,
      ...await initOverrideFn({
        init: initParams,
        context
      })
    };
    let body;
    if (isFormData2(overriddenInit.body) || overriddenInit.body instanceof URLSearchParams || isBlob2(overriddenInit.body)) {
      body = overriddenInit.body;
    } else if (this.isJsonMime(headers["Content-Type"])) {
      body = JSON.stringify(overriddenInit.body);
    } else {
      body = overriddenInit.body;
    }
    const init = {
      ...overriddenInit,
      body
    };
    return { url, init };
  }
  fetchApi = async (url, init) => {
    let fetchParams = { url, init };
    for (const middleware of this.middleware) {
      if (middleware.pre) {
        fetchParams = await middleware.pre({
          fetch: this.fetchApi,
          ...fetchParams
        }) || fetchParams;
      }
    }
    let response = void 0;
    try {
      response = await (this.configuration.fetchApi || fetch)(fetchParams.url, fetchParams.init);
    } catch (e) {
      for (const middleware of this.middleware) {
        if (middleware.onError) {
          response = await middleware.onError({
            fetch: this.fetchApi,
            url: fetchParams.url,
            init: fetchParams.init,
            error: e,
            response: response ? response.clone() : void 0
          }) || response;
        }
      }
      if (response === void 0) {
        if (e instanceof Error) {
          throw new FetchError2(e, "The request failed and the interceptors did not return an alternative response");
        } else {
          throw e;
        }
      }
    }
    for (const middleware of this.middleware) {
      if (middleware.post) {
        response = await middleware.post({
          fetch: this.fetchApi,
          url: fetchParams.url,
          init: fetchParams.init,
          response: response.clone()
        }) || response;
      }
    }
    return response;
  };
  /**
   * Create a shallow clone of `this` by constructing a new instance
   * and then shallow cloning data members.
   */
  clone() {
    const constructor = this.constructor;
    const next = new constructor(this.configuration);
    next.middleware = this.middleware.slice();
    return next;
  }
};
function isBlob2(value) {
  return typeof Blob !== "undefined" && value instanceof Blob;
}
function isFormData2(value) {
  return typeof FormData !== "undefined" && value instanceof FormData;
}
var ResponseError2 = class extends Error {
  constructor(response, msg) {
    super(msg);
    this.response = response;
    const actualProto = new.target.prototype;
    if (Object.setPrototypeOf) {
      Object.setPrototypeOf(this, actualProto);
    }
  }
  response;
  name = "ResponseError";
};
var FetchError2 = class extends Error {
  constructor(cause, msg) {
    super(msg);
    this.cause = cause;
    const actualProto = new.target.prototype;
    if (Object.setPrototypeOf) {
      Object.setPrototypeOf(this, actualProto);
    }
  }
  cause;
  name = "FetchError";
};
var RequiredError2 = class extends Error {
  constructor(field, msg) {
    super(msg);
    this.field = field;
    const actualProto = new.target.prototype;
    if (Object.setPrototypeOf) {
      Object.setPrototypeOf(this, actualProto);
    }
  }
  field;
  name = "RequiredError";
};
function querystring2(params, prefix = "") {
  return Object.keys(params).map((key) => querystringSingleKey2(key, params[key], prefix)).filter((part) => part.length > 0).join("&");
}
function querystringSingleKey2(key, value, keyPrefix = "") {
  const fullKey = keyPrefix + (keyPrefix.length ? `[${key}]` : key);
  if (value instanceof Array) {
    const multiValue = value.map((singleValue) => encodeURIComponent(String(singleValue))).join(`&${encodeURIComponent(fullKey)}=`);
    return `${encodeURIComponent(fullKey)}=${multiValue}`;
  }
  if (value instanceof Set) {
    const valueAsArray = Array.from(value);
    return querystringSingleKey2(key, valueAsArray, keyPrefix);
  }
  if (value instanceof Date) {
    return `${encodeURIComponent(fullKey)}=${encodeURIComponent(serializeDateTime2(value))}`;
  }
  if (value instanceof Object) {
    return querystring2(value, fullKey);
  }
  return `${encodeURIComponent(fullKey)}=${encodeURIComponent(String(value))}`;
}
function serializeDateTime2(value) {
  return value.toISOString();
}
function parseDateTime2(value) {
  return new Date(value);
}
var JSONApiResponse2 = class {
  constructor(raw, transformer = (jsonValue) => jsonValue) {
    this.raw = raw;
    this.transformer = transformer;
  }
  raw;
  transformer;
  async value() {
    return this.transformer(await this.raw.json());
  }
};

// ../sdk/typescript/target/generated/conversation/models/HeaderMedia.ts
function HeaderMediaToJSON(json) {
  return HeaderMediaToJSONTyped(json, false);
}
function HeaderMediaToJSONTyped(value, ignoreDiscriminator = false) {
  if (value == null) {
    return value;
  }
  return {
    "type": value["type"],
    "link": value["link"],
    "filename": value["filename"]
  };
}

// ../sdk/typescript/target/generated/conversation/models/TemplateChoice.ts
function TemplateChoiceToJSON(json) {
  return TemplateChoiceToJSONTyped(json, false);
}
function TemplateChoiceToJSONTyped(value, ignoreDiscriminator = false) {
  if (value == null) {
    return value;
  }
  return {
    "name": value["name"],
    "language": value["language"],
    "parameters": value["parameters"],
    "header_media": HeaderMediaToJSON(value["headerMedia"])
  };
}

// ../sdk/typescript/target/generated/conversation/models/AgentMessage.ts
function AgentMessageToJSON(json) {
  return AgentMessageToJSONTyped(json, false);
}
function AgentMessageToJSONTyped(value, ignoreDiscriminator = false) {
  if (value == null) {
    return value;
  }
  return {
    "text": value["text"],
    "template": TemplateChoiceToJSON(value["template"])
  };
}

// ../sdk/typescript/target/generated/conversation/models/AgentMessageSent.ts
function AgentMessageSentFromJSON(json) {
  return AgentMessageSentFromJSONTyped(json, false);
}
function AgentMessageSentFromJSONTyped(json, ignoreDiscriminator) {
  if (json == null) {
    return json;
  }
  return {
    "id": json["id"] == null ? void 0 : json["id"],
    "outboundMessageId": json["outbound_message_id"] == null ? void 0 : json["outbound_message_id"],
    "status": json["status"] == null ? void 0 : json["status"]
  };
}

// ../sdk/typescript/target/generated/conversation/models/AssignRequest.ts
function AssignRequestToJSON(json) {
  return AssignRequestToJSONTyped(json, false);
}
function AssignRequestToJSONTyped(value, ignoreDiscriminator = false) {
  if (value == null) {
    return value;
  }
  return {
    "agent_id": value["agentId"]
  };
}

// ../sdk/typescript/target/generated/conversation/models/ConversationEvent.ts
function ConversationEventFromJSON(json) {
  return ConversationEventFromJSONTyped(json, false);
}
function ConversationEventFromJSONTyped(json, ignoreDiscriminator) {
  if (json == null) {
    return json;
  }
  return {
    "clienteId": json["cliente_id"] == null ? void 0 : json["cliente_id"],
    "kind": json["kind"] == null ? void 0 : json["kind"],
    "contacts": json["contacts"] == null ? void 0 : json["contacts"]
  };
}

// ../sdk/typescript/target/generated/conversation/models/ConversationSummary.ts
function ConversationSummaryFromJSON(json) {
  return ConversationSummaryFromJSONTyped(json, false);
}
function ConversationSummaryFromJSONTyped(json, ignoreDiscriminator) {
  if (json == null) {
    return json;
  }
  return {
    "contactId": json["contact_id"] == null ? void 0 : json["contact_id"],
    "phone": json["phone"] == null ? void 0 : json["phone"],
    "username": json["username"] == null ? void 0 : json["username"],
    "profileName": json["profile_name"] == null ? void 0 : json["profile_name"],
    "state": json["state"] == null ? void 0 : json["state"],
    "assignedAgent": json["assigned_agent"] == null ? void 0 : json["assigned_agent"],
    "handoffAt": json["handoff_at"] == null ? void 0 : parseDateTime2(json["handoff_at"]),
    "lastMessage": json["last_message"] == null ? void 0 : json["last_message"],
    "lastDirection": json["last_direction"] == null ? void 0 : json["last_direction"],
    "lastMessageAt": json["last_message_at"] == null ? void 0 : parseDateTime2(json["last_message_at"]),
    "unread": json["unread"] == null ? void 0 : json["unread"],
    "windowClosesAt": json["window_closes_at"] == null ? void 0 : parseDateTime2(json["window_closes_at"])
  };
}

// ../sdk/typescript/target/generated/conversation/models/ConversationPage.ts
function ConversationPageFromJSON(json) {
  return ConversationPageFromJSONTyped(json, false);
}
function ConversationPageFromJSONTyped(json, ignoreDiscriminator) {
  if (json == null) {
    return json;
  }
  return {
    "items": json["items"] == null ? void 0 : json["items"].map(ConversationSummaryFromJSON),
    "nextCursor": json["next_cursor"] == null ? void 0 : json["next_cursor"]
  };
}

// ../sdk/typescript/target/generated/conversation/models/AgentFigures.ts
function AgentFiguresFromJSON(json) {
  return AgentFiguresFromJSONTyped(json, false);
}
function AgentFiguresFromJSONTyped(json, ignoreDiscriminator) {
  if (json == null) {
    return json;
  }
  return {
    "agentId": json["agent_id"] == null ? void 0 : json["agent_id"],
    "assigned": json["assigned"] == null ? void 0 : json["assigned"],
    "firstReplies": json["first_replies"] == null ? void 0 : json["first_replies"],
    "firstReplyP50Seconds": json["first_reply_p50_seconds"] == null ? void 0 : json["first_reply_p50_seconds"],
    "released": json["released"] == null ? void 0 : json["released"]
  };
}

// ../sdk/typescript/target/generated/conversation/models/Figures.ts
function FiguresFromJSON(json) {
  return FiguresFromJSONTyped(json, false);
}
function FiguresFromJSONTyped(json, ignoreDiscriminator) {
  if (json == null) {
    return json;
  }
  return {
    "from": json["from"] == null ? void 0 : parseDateTime2(json["from"]),
    "to": json["to"] == null ? void 0 : parseDateTime2(json["to"]),
    "requested": json["requested"] == null ? void 0 : json["requested"],
    "assigned": json["assigned"] == null ? void 0 : json["assigned"],
    "firstReplies": json["first_replies"] == null ? void 0 : json["first_replies"],
    "firstReplyP50Seconds": json["first_reply_p50_seconds"] == null ? void 0 : json["first_reply_p50_seconds"],
    "firstReplyP95Seconds": json["first_reply_p95_seconds"] == null ? void 0 : json["first_reply_p95_seconds"],
    "released": json["released"] == null ? void 0 : json["released"],
    "byAgent": json["by_agent"] == null ? void 0 : json["by_agent"].map(AgentFiguresFromJSON)
  };
}

// ../sdk/typescript/target/generated/conversation/models/ReleaseRequest.ts
function ReleaseRequestToJSON(json) {
  return ReleaseRequestToJSONTyped(json, false);
}
function ReleaseRequestToJSONTyped(value, ignoreDiscriminator = false) {
  if (value == null) {
    return value;
  }
  return {
    "text": value["text"]
  };
}

// ../sdk/typescript/target/generated/conversation/models/TemplateOption.ts
function TemplateOptionFromJSON(json) {
  return TemplateOptionFromJSONTyped(json, false);
}
function TemplateOptionFromJSONTyped(json, ignoreDiscriminator) {
  if (json == null) {
    return json;
  }
  return {
    "name": json["name"] == null ? void 0 : json["name"],
    "language": json["language"] == null ? void 0 : json["language"],
    "category": json["category"] == null ? void 0 : json["category"],
    "body": json["body"] == null ? void 0 : json["body"],
    "parameters": json["parameters"] == null ? void 0 : json["parameters"],
    "headerMedia": json["header_media"] == null ? void 0 : json["header_media"]
  };
}

// ../sdk/typescript/target/generated/conversation/models/TranscriptEntry.ts
function TranscriptEntryFromJSON(json) {
  return TranscriptEntryFromJSONTyped(json, false);
}
function TranscriptEntryFromJSONTyped(json, ignoreDiscriminator) {
  if (json == null) {
    return json;
  }
  return {
    "id": json["id"] == null ? void 0 : json["id"],
    "at": json["at"] == null ? void 0 : parseDateTime2(json["at"]),
    "direction": json["direction"] == null ? void 0 : json["direction"],
    "author": json["author"] == null ? void 0 : json["author"],
    "agentId": json["agent_id"] == null ? void 0 : json["agent_id"],
    "messageType": json["message_type"] == null ? void 0 : json["message_type"],
    "text": json["text"] == null ? void 0 : json["text"],
    "intent": json["intent"] == null ? void 0 : json["intent"],
    "intentSource": json["intent_source"] == null ? void 0 : json["intent_source"],
    "note": json["note"] == null ? void 0 : json["note"],
    "deliveryStatus": json["delivery_status"] == null ? void 0 : json["delivery_status"],
    "deliveryError": json["delivery_error"] == null ? void 0 : json["delivery_error"],
    "mediaId": json["media_id"] == null ? void 0 : json["media_id"],
    "mediaMimeType": json["media_mime_type"] == null ? void 0 : json["media_mime_type"]
  };
}

// ../sdk/typescript/target/generated/conversation/models/Transcript.ts
function TranscriptFromJSON(json) {
  return TranscriptFromJSONTyped(json, false);
}
function TranscriptFromJSONTyped(json, ignoreDiscriminator) {
  if (json == null) {
    return json;
  }
  return {
    "conversation": json["conversation"] == null ? void 0 : ConversationSummaryFromJSON(json["conversation"]),
    "messages": json["messages"] == null ? void 0 : json["messages"].map(TranscriptEntryFromJSON),
    "nextCursor": json["next_cursor"] == null ? void 0 : json["next_cursor"]
  };
}

// ../sdk/typescript/target/generated/conversation/apis/ConversationsApi.ts
var ConversationsApi = class extends BaseAPI2 {
  /**
   * Creates request options for assignConversation without sending the request
   */
  async assignConversationRequestOpts(requestParameters) {
    if (requestParameters["clienteId"] == null) {
      throw new RequiredError2(
        "clienteId",
        'Required parameter "clienteId" was null or undefined when calling assignConversation().'
      );
    }
    if (requestParameters["contactId"] == null) {
      throw new RequiredError2(
        "contactId",
        'Required parameter "contactId" was null or undefined when calling assignConversation().'
      );
    }
    if (requestParameters["assignRequest"] == null) {
      throw new RequiredError2(
        "assignRequest",
        'Required parameter "assignRequest" was null or undefined when calling assignConversation().'
      );
    }
    const queryParameters = {};
    const headerParameters = {};
    headerParameters["Content-Type"] = "application/json";
    if (this.configuration && this.configuration.accessToken) {
      const token = this.configuration.accessToken;
      const tokenString = await token("bearer", []);
      if (tokenString) {
        headerParameters["Authorization"] = `Bearer ${tokenString}`;
      }
    }
    let urlPath = `/clientes/{clienteId}/conversations/{contactId}/assign`;
    urlPath = urlPath.replace("{clienteId}", encodeURIComponent(String(requestParameters["clienteId"])));
    urlPath = urlPath.replace("{contactId}", encodeURIComponent(String(requestParameters["contactId"])));
    return {
      path: urlPath,
      method: "POST",
      headers: headerParameters,
      query: queryParameters,
      body: AssignRequestToJSON(requestParameters["assignRequest"])
    };
  }
  /**
   * Without agent_id, to the caller. Owners and admins may name an active staff user of the tenant, and take a conversation from another agent; an agent gets 409 when someone holds it.
   * Take a conversation (or give it to an agent): the bot goes silent
   */
  async assignConversationRaw(requestParameters, initOverrides) {
    const requestOptions = await this.assignConversationRequestOpts(requestParameters);
    const response = await this.request(requestOptions, initOverrides);
    return new JSONApiResponse2(response, (jsonValue) => ConversationSummaryFromJSON(jsonValue));
  }
  /**
   * Without agent_id, to the caller. Owners and admins may name an active staff user of the tenant, and take a conversation from another agent; an agent gets 409 when someone holds it.
   * Take a conversation (or give it to an agent): the bot goes silent
   */
  async assignConversation(requestParameters, initOverrides) {
    const response = await this.assignConversationRaw(requestParameters, initOverrides);
    return await response.value();
  }
  /**
   * Creates request options for conversationEvents without sending the request
   */
  async conversationEventsRequestOpts(requestParameters) {
    if (requestParameters["clienteId"] == null) {
      throw new RequiredError2(
        "clienteId",
        'Required parameter "clienteId" was null or undefined when calling conversationEvents().'
      );
    }
    const queryParameters = {};
    const headerParameters = {};
    if (this.configuration && this.configuration.accessToken) {
      const token = this.configuration.accessToken;
      const tokenString = await token("bearer", []);
      if (tokenString) {
        headerParameters["Authorization"] = `Bearer ${tokenString}`;
      }
    }
    let urlPath = `/clientes/{clienteId}/conversations/events`;
    urlPath = urlPath.replace("{clienteId}", encodeURIComponent(String(requestParameters["clienteId"])));
    return {
      path: urlPath,
      method: "GET",
      headers: headerParameters,
      query: queryParameters
    };
  }
  /**
   * Server-sent events, ids only (read the conversation or transcript for the rest); a comment line (kind heartbeat) every 20 s keeps proxies from closing a quiet stream. After a reconnection, reload the list.
   * Live: new messages, handoff changes and delivery statuses
   */
  async conversationEventsRaw(requestParameters, initOverrides) {
    const requestOptions = await this.conversationEventsRequestOpts(requestParameters);
    const response = await this.request(requestOptions, initOverrides);
    return new JSONApiResponse2(response, (jsonValue) => jsonValue.map(ConversationEventFromJSON));
  }
  /**
   * Server-sent events, ids only (read the conversation or transcript for the rest); a comment line (kind heartbeat) every 20 s keeps proxies from closing a quiet stream. After a reconnection, reload the list.
   * Live: new messages, handoff changes and delivery statuses
   */
  async conversationEvents(requestParameters, initOverrides) {
    const response = await this.conversationEventsRaw(requestParameters, initOverrides);
    return await response.value();
  }
  /**
   * Creates request options for conversationTranscript without sending the request
   */
  async conversationTranscriptRequestOpts(requestParameters) {
    if (requestParameters["clienteId"] == null) {
      throw new RequiredError2(
        "clienteId",
        'Required parameter "clienteId" was null or undefined when calling conversationTranscript().'
      );
    }
    if (requestParameters["contactId"] == null) {
      throw new RequiredError2(
        "contactId",
        'Required parameter "contactId" was null or undefined when calling conversationTranscript().'
      );
    }
    const queryParameters = {};
    if (requestParameters["cursor"] != null) {
      queryParameters["cursor"] = requestParameters["cursor"];
    }
    if (requestParameters["limit"] != null) {
      queryParameters["limit"] = requestParameters["limit"];
    }
    const headerParameters = {};
    if (this.configuration && this.configuration.accessToken) {
      const token = this.configuration.accessToken;
      const tokenString = await token("bearer", []);
      if (tokenString) {
        headerParameters["Authorization"] = `Bearer ${tokenString}`;
      }
    }
    let urlPath = `/clientes/{clienteId}/conversations/{contactId}`;
    urlPath = urlPath.replace("{clienteId}", encodeURIComponent(String(requestParameters["clienteId"])));
    urlPath = urlPath.replace("{contactId}", encodeURIComponent(String(requestParameters["contactId"])));
    return {
      path: urlPath,
      method: "GET",
      headers: headerParameters,
      query: queryParameters
    };
  }
  /**
   * Inbound and outbound, answers with their delivery status; next_cursor goes further back.
   * A contact\'s conversation and its messages, newest first
   */
  async conversationTranscriptRaw(requestParameters, initOverrides) {
    const requestOptions = await this.conversationTranscriptRequestOpts(requestParameters);
    const response = await this.request(requestOptions, initOverrides);
    return new JSONApiResponse2(response, (jsonValue) => TranscriptFromJSON(jsonValue));
  }
  /**
   * Inbound and outbound, answers with their delivery status; next_cursor goes further back.
   * A contact\'s conversation and its messages, newest first
   */
  async conversationTranscript(requestParameters, initOverrides) {
    const response = await this.conversationTranscriptRaw(requestParameters, initOverrides);
    return await response.value();
  }
  /**
   * Creates request options for handoffMetrics without sending the request
   */
  async handoffMetricsRequestOpts(requestParameters) {
    if (requestParameters["clienteId"] == null) {
      throw new RequiredError2(
        "clienteId",
        'Required parameter "clienteId" was null or undefined when calling handoffMetrics().'
      );
    }
    const queryParameters = {};
    if (requestParameters["from"] != null) {
      queryParameters["from"] = requestParameters["from"];
    }
    if (requestParameters["to"] != null) {
      queryParameters["to"] = requestParameters["to"];
    }
    const headerParameters = {};
    if (this.configuration && this.configuration.accessToken) {
      const token = this.configuration.accessToken;
      const tokenString = await token("bearer", []);
      if (tokenString) {
        headerParameters["Authorization"] = `Bearer ${tokenString}`;
      }
    }
    let urlPath = `/clientes/{clienteId}/conversations/metrics`;
    urlPath = urlPath.replace("{clienteId}", encodeURIComponent(String(requestParameters["clienteId"])));
    return {
      path: urlPath,
      method: "GET",
      headers: headerParameters,
      query: queryParameters
    };
  }
  /**
   * Handoffs, time to the first human answer, releases, by agent
   */
  async handoffMetricsRaw(requestParameters, initOverrides) {
    const requestOptions = await this.handoffMetricsRequestOpts(requestParameters);
    const response = await this.request(requestOptions, initOverrides);
    return new JSONApiResponse2(response, (jsonValue) => FiguresFromJSON(jsonValue));
  }
  /**
   * Handoffs, time to the first human answer, releases, by agent
   */
  async handoffMetrics(requestParameters, initOverrides) {
    const response = await this.handoffMetricsRaw(requestParameters, initOverrides);
    return await response.value();
  }
  /**
   * Creates request options for listConversationTemplates without sending the request
   */
  async listConversationTemplatesRequestOpts(requestParameters) {
    if (requestParameters["clienteId"] == null) {
      throw new RequiredError2(
        "clienteId",
        'Required parameter "clienteId" was null or undefined when calling listConversationTemplates().'
      );
    }
    const queryParameters = {};
    const headerParameters = {};
    if (this.configuration && this.configuration.accessToken) {
      const token = this.configuration.accessToken;
      const tokenString = await token("bearer", []);
      if (tokenString) {
        headerParameters["Authorization"] = `Bearer ${tokenString}`;
      }
    }
    let urlPath = `/clientes/{clienteId}/conversations/templates`;
    urlPath = urlPath.replace("{clienteId}", encodeURIComponent(String(requestParameters["clienteId"])));
    return {
      path: urlPath,
      method: "GET",
      headers: headerParameters,
      query: queryParameters
    };
  }
  /**
   * The approved templates an agent can send, e.g. after the 24-hour window has closed
   */
  async listConversationTemplatesRaw(requestParameters, initOverrides) {
    const requestOptions = await this.listConversationTemplatesRequestOpts(requestParameters);
    const response = await this.request(requestOptions, initOverrides);
    return new JSONApiResponse2(response, (jsonValue) => jsonValue.map(TemplateOptionFromJSON));
  }
  /**
   * The approved templates an agent can send, e.g. after the 24-hour window has closed
   */
  async listConversationTemplates(requestParameters, initOverrides) {
    const response = await this.listConversationTemplatesRaw(requestParameters, initOverrides);
    return await response.value();
  }
  /**
   * Creates request options for listConversations without sending the request
   */
  async listConversationsRequestOpts(requestParameters) {
    if (requestParameters["clienteId"] == null) {
      throw new RequiredError2(
        "clienteId",
        'Required parameter "clienteId" was null or undefined when calling listConversations().'
      );
    }
    const queryParameters = {};
    if (requestParameters["assignedTo"] != null) {
      queryParameters["assigned_to"] = requestParameters["assignedTo"];
    }
    if (requestParameters["cursor"] != null) {
      queryParameters["cursor"] = requestParameters["cursor"];
    }
    if (requestParameters["limit"] != null) {
      queryParameters["limit"] = requestParameters["limit"];
    }
    if (requestParameters["state"] != null) {
      queryParameters["state"] = requestParameters["state"];
    }
    const headerParameters = {};
    if (this.configuration && this.configuration.accessToken) {
      const token = this.configuration.accessToken;
      const tokenString = await token("bearer", []);
      if (tokenString) {
        headerParameters["Authorization"] = `Bearer ${tokenString}`;
      }
    }
    let urlPath = `/clientes/{clienteId}/conversations`;
    urlPath = urlPath.replace("{clienteId}", encodeURIComponent(String(requestParameters["clienteId"])));
    return {
      path: urlPath,
      method: "GET",
      headers: headerParameters,
      query: queryParameters
    };
  }
  /**
   * One row per contact. Filter by state (bot, waiting, agent, closed) and by who holds it (assigned_to=me, or a staff user\'s id); pass next_cursor as cursor for the next page.
   * The tenant\'s conversations, newest activity first
   */
  async listConversationsRaw(requestParameters, initOverrides) {
    const requestOptions = await this.listConversationsRequestOpts(requestParameters);
    const response = await this.request(requestOptions, initOverrides);
    return new JSONApiResponse2(response, (jsonValue) => ConversationPageFromJSON(jsonValue));
  }
  /**
   * One row per contact. Filter by state (bot, waiting, agent, closed) and by who holds it (assigned_to=me, or a staff user\'s id); pass next_cursor as cursor for the next page.
   * The tenant\'s conversations, newest activity first
   */
  async listConversations(requestParameters, initOverrides) {
    const response = await this.listConversationsRaw(requestParameters, initOverrides);
    return await response.value();
  }
  /**
   * Creates request options for releaseConversation without sending the request
   */
  async releaseConversationRequestOpts(requestParameters) {
    if (requestParameters["clienteId"] == null) {
      throw new RequiredError2(
        "clienteId",
        'Required parameter "clienteId" was null or undefined when calling releaseConversation().'
      );
    }
    if (requestParameters["contactId"] == null) {
      throw new RequiredError2(
        "contactId",
        'Required parameter "contactId" was null or undefined when calling releaseConversation().'
      );
    }
    if (requestParameters["releaseRequest"] == null) {
      throw new RequiredError2(
        "releaseRequest",
        'Required parameter "releaseRequest" was null or undefined when calling releaseConversation().'
      );
    }
    const queryParameters = {};
    const headerParameters = {};
    headerParameters["Content-Type"] = "application/json";
    if (requestParameters["idempotencyKey"] != null) {
      headerParameters["Idempotency-Key"] = String(requestParameters["idempotencyKey"]);
    }
    if (this.configuration && this.configuration.accessToken) {
      const token = this.configuration.accessToken;
      const tokenString = await token("bearer", []);
      if (tokenString) {
        headerParameters["Authorization"] = `Bearer ${tokenString}`;
      }
    }
    let urlPath = `/clientes/{clienteId}/conversations/{contactId}/release`;
    urlPath = urlPath.replace("{clienteId}", encodeURIComponent(String(requestParameters["clienteId"])));
    urlPath = urlPath.replace("{contactId}", encodeURIComponent(String(requestParameters["contactId"])));
    return {
      path: urlPath,
      method: "POST",
      headers: headerParameters,
      query: queryParameters,
      body: ReleaseRequestToJSON(requestParameters["releaseRequest"])
    };
  }
  /**
   * Give the conversation back to the bot, with an optional last text
   */
  async releaseConversationRaw(requestParameters, initOverrides) {
    const requestOptions = await this.releaseConversationRequestOpts(requestParameters);
    const response = await this.request(requestOptions, initOverrides);
    return new JSONApiResponse2(response, (jsonValue) => ConversationSummaryFromJSON(jsonValue));
  }
  /**
   * Give the conversation back to the bot, with an optional last text
   */
  async releaseConversation(requestParameters, initOverrides) {
    const response = await this.releaseConversationRaw(requestParameters, initOverrides);
    return await response.value();
  }
  /**
   * Creates request options for sendAgentMessage without sending the request
   */
  async sendAgentMessageRequestOpts(requestParameters) {
    if (requestParameters["clienteId"] == null) {
      throw new RequiredError2(
        "clienteId",
        'Required parameter "clienteId" was null or undefined when calling sendAgentMessage().'
      );
    }
    if (requestParameters["contactId"] == null) {
      throw new RequiredError2(
        "contactId",
        'Required parameter "contactId" was null or undefined when calling sendAgentMessage().'
      );
    }
    if (requestParameters["idempotencyKey"] == null) {
      throw new RequiredError2(
        "idempotencyKey",
        'Required parameter "idempotencyKey" was null or undefined when calling sendAgentMessage().'
      );
    }
    if (requestParameters["agentMessage"] == null) {
      throw new RequiredError2(
        "agentMessage",
        'Required parameter "agentMessage" was null or undefined when calling sendAgentMessage().'
      );
    }
    const queryParameters = {};
    const headerParameters = {};
    headerParameters["Content-Type"] = "application/json";
    if (requestParameters["idempotencyKey"] != null) {
      headerParameters["Idempotency-Key"] = String(requestParameters["idempotencyKey"]);
    }
    if (this.configuration && this.configuration.accessToken) {
      const token = this.configuration.accessToken;
      const tokenString = await token("bearer", []);
      if (tokenString) {
        headerParameters["Authorization"] = `Bearer ${tokenString}`;
      }
    }
    let urlPath = `/clientes/{clienteId}/conversations/{contactId}/messages`;
    urlPath = urlPath.replace("{clienteId}", encodeURIComponent(String(requestParameters["clienteId"])));
    urlPath = urlPath.replace("{contactId}", encodeURIComponent(String(requestParameters["contactId"])));
    return {
      path: urlPath,
      method: "POST",
      headers: headerParameters,
      query: queryParameters,
      body: AgentMessageToJSON(requestParameters["agentMessage"])
    };
  }
  /**
   * Sent once per Idempotency-Key through the outbox. A text only within the 24-hour window (409 window-closed after it); an approved template at any time.
   * Answer the customer as the person holding the conversation
   */
  async sendAgentMessageRaw(requestParameters, initOverrides) {
    const requestOptions = await this.sendAgentMessageRequestOpts(requestParameters);
    const response = await this.request(requestOptions, initOverrides);
    return new JSONApiResponse2(response, (jsonValue) => AgentMessageSentFromJSON(jsonValue));
  }
  /**
   * Sent once per Idempotency-Key through the outbox. A text only within the 24-hour window (409 window-closed after it); an approved template at any time.
   * Answer the customer as the person holding the conversation
   */
  async sendAgentMessage(requestParameters, initOverrides) {
    const response = await this.sendAgentMessageRaw(requestParameters, initOverrides);
    return await response.value();
  }
};

// src/console.ts
var $ = (id) => document.getElementById(id);
var api = () => new ConversationsApi(new Configuration2({ basePath: location.origin, accessToken: session.token }));
var session = null;
var filter = "waiting";
var selected = null;
var stream = null;
var templates = null;
function claims(token) {
  const payload = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(payload), (c) => c.charCodeAt(0))));
}
async function problem(error) {
  if (error instanceof ResponseError2) {
    try {
      const body = await error.response.json();
      return body.detail ?? body.title ?? `HTTP ${error.response.status}`;
    } catch {
      return `HTTP ${error.response.status}`;
    }
  }
  return String(error);
}
function text(value) {
  return value ?? "";
}
function time(at) {
  return at ? at.toLocaleTimeString("es-CL", { hour: "2-digit", minute: "2-digit" }) : "";
}
var STATES = { bot: "bot", waiting: "esperando", agent: "con agente", closed: "cerrada" };
var AUTHORS = { customer: "cliente", bot: "bot", agent: "equipo" };
var DELIVERY = { queued: "en cola", sent: "\u2713", delivered: "\u2713\u2713", read: "\u2713\u2713 le\xEDdo", failed: "no entregado" };
function who(conversation) {
  return conversation.profileName || conversation.phone || (conversation.username ? "@" + conversation.username : "cliente");
}
async function login(event) {
  event.preventDefault();
  $("login-error").textContent = "";
  try {
    const config = await (await fetch("/console-config")).json();
    const auth = new AuthApi(new Configuration({ basePath: config.tenant_service_url }));
    const email = $("email").value;
    const answer = await auth.login({ loginRequest: { email, password: $("password").value } });
    const token = answer.accessToken;
    const c = claims(token);
    session = { token, clienteId: c.cliente_id, usuarioId: c.usuario_id, rol: c.rol, email };
    $("login").hidden = true;
    $("inbox").hidden = false;
    $("logout").hidden = false;
    $("who").textContent = `${email} \xB7 ${c.rol}`;
    listen();
    await refresh();
  } catch (error) {
    $("login-error").textContent = "No pudimos entrar: " + await problem(error);
  }
}
async function refresh() {
  if (!session) return;
  const page = await api().listConversations({
    clienteId: session.clienteId,
    state: filter === "waiting" ? "waiting" : void 0,
    assignedTo: filter === "mine" ? "me" : void 0,
    limit: 100
  });
  const list = $("conversations");
  list.replaceChildren(...page.items.map((conversation) => {
    const item = document.createElement("li");
    item.dataset.contact = conversation.contactId;
    item.className = conversation.contactId === selected ? "selected" : "";
    const unread = conversation.unread ? `<span class="badge">${conversation.unread}</span>` : "";
    item.innerHTML = `<strong></strong>${unread}<span class="preview"></span>`;
    item.querySelector("strong").textContent = `${who(conversation)} \xB7 ${STATES[conversation.state] ?? conversation.state}`;
    item.querySelector(".preview").textContent = text(conversation.lastMessage);
    item.addEventListener("click", () => open(conversation.contactId));
    return item;
  }));
  if (selected) await show(selected);
}
async function open(contactId) {
  selected = contactId;
  document.querySelectorAll("#conversations li").forEach((li) => li.classList.toggle("selected", li.dataset.contact === contactId));
  await show(contactId);
}
async function show(contactId) {
  const transcript = await api().conversationTranscript({ clienteId: session.clienteId, contactId, limit: 100 });
  const conversation = transcript.conversation;
  $("conversation").querySelector(".empty").hidden = true;
  $("detail").hidden = false;
  $("contact-name").textContent = who(conversation);
  $("contact-id").textContent = conversation.phone ?? (conversation.username ? "@" + conversation.username : "");
  const state = $("state");
  state.textContent = STATES[conversation.state] ?? conversation.state;
  state.className = "state " + conversation.state;
  $("window").textContent = conversation.windowClosesAt ? "ventana hasta " + conversation.windowClosesAt.toLocaleString("es-CL", { weekday: "short", hour: "2-digit", minute: "2-digit" }) : "";
  const mine = conversation.state === "agent" && conversation.assignedAgent === session.usuarioId;
  const windowOpen = !!conversation.windowClosesAt && conversation.windowClosesAt.getTime() > Date.now();
  $("take").disabled = mine;
  $("release").disabled = conversation.state !== "agent" && conversation.state !== "waiting";
  $("reply").querySelector("button").disabled = !mine || !windowOpen;
  $("text").disabled = !mine || !windowOpen;
  $("window-closed").hidden = windowOpen;
  $("template").disabled = !mine;
  await loadTemplates();
  $("transcript").replaceChildren(...transcript.messages.slice().reverse().map(entry));
  $("transcript").scrollTop = $("transcript").scrollHeight;
}
function entry(message) {
  const item = document.createElement("li");
  item.className = `${message.direction} ${message.author}`;
  item.textContent = message.text || `[${message.messageType}]`;
  const meta = document.createElement("small");
  const ticks = message.deliveryStatus ? ` \xB7 ${DELIVERY[message.deliveryStatus] ?? message.deliveryStatus}` : "";
  meta.textContent = `${AUTHORS[message.author] ?? message.author} \xB7 ${time(message.at)}${ticks}`;
  item.appendChild(meta);
  if (message.deliveryError) {
    const error = document.createElement("small");
    error.className = "delivery-error";
    error.textContent = message.deliveryError;
    item.appendChild(error);
  }
  return item;
}
async function loadTemplates() {
  if (templates) return;
  try {
    templates = await api().listConversationTemplates({ clienteId: session.clienteId });
  } catch {
    return;
  }
  $("template").append(...templates.map((template, index) => {
    const option = document.createElement("option");
    option.value = String(index);
    option.textContent = `${template.name} (${template.language})`;
    return option;
  }));
}
function chosenTemplate() {
  const index = $("template").value;
  return index === "" || !templates ? null : templates[Number(index)];
}
var MEDIA = {
  IMAGE: "Enlace de la imagen",
  VIDEO: "Enlace del video",
  DOCUMENT: "Enlace del documento"
};
function showTemplate() {
  const template = chosenTemplate();
  $("template-body").textContent = template?.body ?? "";
  const media = [];
  if (template?.headerMedia) {
    const link = document.createElement("input");
    link.type = "url";
    link.required = true;
    link.pattern = "https://.+";
    link.maxLength = 2e3;
    link.placeholder = "https://\u2026";
    link.dataset.media = template.headerMedia.toLowerCase();
    link.setAttribute("aria-label", MEDIA[template.headerMedia] ?? "Enlace");
    media.push(link);
  }
  $("template-parameters").replaceChildren(...media, ...Array.from({ length: template?.parameters ?? 0 }, (_, i) => {
    const input = document.createElement("input");
    input.required = true;
    input.maxLength = 1024;
    input.placeholder = `{{${i + 1}}}`;
    input.setAttribute("aria-label", `Variable ${i + 1}`);
    return input;
  }));
  $("template-form").querySelector("button").disabled = !template;
}
async function act(action) {
  $("action-error").textContent = "";
  try {
    await action();
    await refresh();
  } catch (error) {
    $("action-error").textContent = await problem(error);
  }
}
async function listen() {
  stream?.abort();
  const controller = new AbortController();
  stream = controller;
  try {
    const answer = await fetch(`/clientes/${session.clienteId}/conversations/events`, {
      headers: { Authorization: "Bearer " + session.token, Accept: "text/event-stream" },
      signal: controller.signal
    });
    if (!answer.ok || !answer.body) throw new Error("HTTP " + answer.status);
    $("live").textContent = "en vivo";
    $("live").classList.add("on");
    await refresh();
    const reader = answer.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    for (; ; ) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      const events = buffer.split("\n\n");
      buffer = events.pop() ?? "";
      if (events.some((e) => e.includes("data:") && !e.includes('"heartbeat"'))) await refresh();
    }
  } catch (error) {
    if (controller.signal.aborted) return;
  }
  $("live").textContent = "reconectando\u2026";
  $("live").classList.remove("on");
  if (stream === controller) setTimeout(listen, 2e3);
}
$("login").addEventListener("submit", login);
$("logout").addEventListener("click", () => location.reload());
$("tabs").addEventListener("click", (event) => {
  const button = event.target.closest("button");
  if (!button) return;
  filter = button.dataset.filter;
  document.querySelectorAll("#tabs button").forEach((b) => b.classList.toggle("active", b === button));
  refresh();
});
$("take").addEventListener("click", () => act(() => api().assignConversation({ clienteId: session.clienteId, contactId: selected, assignRequest: {} })));
$("release").addEventListener("click", () => act(() => api().releaseConversation({ clienteId: session.clienteId, contactId: selected, releaseRequest: {} })));
$("template").addEventListener("change", showTemplate);
$("template-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const template = chosenTemplate();
  if (!template) return;
  const inputs = [...$("template-parameters").querySelectorAll("input")];
  const parameters = inputs.filter((input) => !input.dataset.media).map((input) => input.value.trim());
  const link = inputs.find((input) => input.dataset.media);
  const headerMedia = link ? { type: link.dataset.media, link: link.value.trim() } : void 0;
  const idempotencyKey = crypto.randomUUID();
  act(async () => {
    await api().sendAgentMessage({
      clienteId: session.clienteId,
      contactId: selected,
      idempotencyKey,
      agentMessage: { template: { name: template.name, language: template.language, parameters, headerMedia } }
    });
    $("template").value = "";
    showTemplate();
  });
});
$("reply").addEventListener("submit", (event) => {
  event.preventDefault();
  const box = $("text");
  const message = box.value.trim();
  if (!message) return;
  const idempotencyKey = crypto.randomUUID();
  act(async () => {
    await api().sendAgentMessage({
      clienteId: session.clienteId,
      contactId: selected,
      idempotencyKey,
      agentMessage: { text: message }
    });
    box.value = "";
  });
});
